package dev.winnow.jobs.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scale corpus: deterministic, windows of bounded size, and the same duplicate rate at every size. */
class ScaleCorpusTest {
    private static List<String> pool() {
        Random r = new Random(5);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            StringBuilder s = new StringBuilder();
            int words = 50 + r.nextInt(3000); // some texts shorter than a window, most longer
            for (int w = 0; w < words; w++) {
                s.append(w == 0 ? "" : " ").append("w").append(t).append('_').append(r.nextInt(1000));
            }
            texts.add(s.toString());
        }
        return texts;
    }

    private static List<String> generate(long seed, int n) {
        ScaleCorpus c = new ScaleCorpus(pool(), seed);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(c.next());
        }
        return docs;
    }

    /** Share of documents that exactly repeat an earlier one. */
    private static double exactShare(List<String> docs) {
        Map<String, Integer> seen = new HashMap<>();
        int repeats = 0;
        for (String d : docs) {
            if (seen.merge(d, 1, Integer::sum) > 1) {
                repeats++;
            }
        }
        return (double) repeats / docs.size();
    }

    @Test
    void sameSeedSameCorpus() {
        assertEquals(generate(3, 500), generate(3, 500));
        assertTrue(!generate(3, 50).equals(generate(4, 50)));
    }

    @Test
    void theExactDuplicateRateDoesNotGrowWithTheSize() {
        List<String> docs = generate(11, 40_000);
        double small = exactShare(docs.subList(0, 10_000));
        double large = exactShare(docs);
        // 3% copies by construction; windows of 300 texts almost never repeat by chance
        assertEquals(ScaleCorpus.EXACT_PERCENT / 100.0, small, 0.006, "1x");
        assertEquals(ScaleCorpus.EXACT_PERCENT / 100.0, large, 0.006, "4x");
        assertEquals(small, large, 0.005);
    }

    @Test
    void newDocumentsJoinTwoToFourWindowsOfAtMostFourKilobytes() {
        for (String d : generate(7, 2_000)) {
            String[] windows = d.split("\n\n");
            assertTrue(windows.length >= 2 && windows.length <= 4, windows.length + " windows");
            for (String w : windows) {
                assertTrue(!w.isEmpty() && w.length() <= 4000, "window of " + w.length());
                assertTrue(!w.startsWith(" ") && !w.endsWith(" "), "windows start and end at words: [" + w + "]");
            }
        }
    }
}
