package dev.winnow.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.dedup.Jaccard;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.dedup.Shingler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearDupCorpusTest {
    private static SourceText source;
    private static List<JsonNode> records;
    private static NearDupCorpus corpus;

    @BeforeAll
    static void generate() throws IOException {
        source = TestText.source();
        corpus = new NearDupCorpus(source, NearDupCorpus.Settings.defaults(3000, 7).withLargeClusterRate(0.02));
        records = parse(bytes(corpus));
    }

    @Test
    void sameSeedSameBytes(@TempDir Path dir) throws IOException {
        NearDupCorpus.Settings s = NearDupCorpus.Settings.defaults(500, 99);
        Path a = dir.resolve("a.jsonl.gz");
        Path b = dir.resolve("b.jsonl.gz");
        new NearDupCorpus(source, s).write(a);
        new NearDupCorpus(TestText.source(), s).write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        byte[] other = bytes(new NearDupCorpus(source, NearDupCorpus.Settings.defaults(500, 100)));
        assertFalse(Arrays.equals(bytes(new NearDupCorpus(source, s)), other));
    }

    @Test
    void recordsAndClusterStructure() {
        assertEquals(3000, records.size());
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode r : records) {
            assertNotNull(r.get("text"));
            assertNotNull(byId.putIfAbsent(r.get("id").textValue(), r) == null ? r : null, "ids are unique");
        }
        Map<String, Integer> sizes = new HashMap<>();
        int copies = 0;
        for (JsonNode r : records) {
            String id = r.get("id").textValue();
            String cluster = r.get("cluster").textValue();
            String sourceId = r.get("source_id").textValue();
            JsonNode base = byId.get(cluster);
            assertNotNull(base, "a cluster is named by its base document");
            assertEquals(cluster, base.get("source_id").textValue(), "a base document is its own source");
            assertEquals(cluster, byId.get(sourceId).get("cluster").textValue(), "a copy's source is in its cluster");
            if (!sourceId.equals(id)) {
                copies++;
                assertFalse(sourceId.equals(id));
            }
            sizes.merge(cluster, 1, Integer::sum);
        }
        assertEquals(corpus.baseDocs(), sizes.size());
        assertEquals(3000 - corpus.baseDocs(), copies);
        long withCopies = sizes.values().stream().filter(n -> n > 1).count();
        double share = (double) withCopies / sizes.size();
        assertTrue(share > 0.2 && share < 0.4, "about 30% of base documents have copies: " + share);
        assertTrue(sizes.values().stream().anyMatch(n -> n >= 50), "a large cluster");
        // Members of a cluster are scattered over the file, not written next to each other.
        int adjacent = 0;
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).get("cluster").equals(records.get(i - 1).get("cluster"))) {
                adjacent++;
            }
        }
        assertTrue(adjacent < 150, "records are shuffled: " + adjacent);
    }

    @Test
    void copiesAreNearDuplicatesOfTheirSource() {
        Map<String, String> text = new HashMap<>();
        records.forEach(r -> text.put(r.get("id").textValue(), r.get("text").textValue()));
        Shingler sh = new Shingler(ShingleUnit.WORD, 5);
        List<Double> js = new ArrayList<>();
        for (JsonNode r : records) {
            String id = r.get("id").textValue();
            String src = r.get("source_id").textValue();
            if (!src.equals(id)) {
                js.add(Jaccard.of(sh.shingles(text.get(id)), sh.shingles(text.get(src))));
            }
        }
        double[] v = js.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double inRange = Arrays.stream(v).filter(j -> j >= 0.45).count() / (double) v.length;
        assertTrue(inRange >= 0.9, "copies mostly in [0.45, 1]: " + inRange);
        double median = v[v.length / 2];
        assertTrue(median > 0.65 && median < 0.9, "median copy similarity " + median);
        double below = Arrays.stream(v).filter(j -> j < 0.7).count() / (double) v.length;
        double high = Arrays.stream(v).filter(j -> j >= 0.95).count() / (double) v.length;
        assertTrue(below > 0.2 && high > 0.1, "similarities spread over the range: <0.7 " + below + ", >=0.95 " + high);
    }

    @Test
    void baseDocumentsAreMostlyUnrelated() {
        Shingler sh = new Shingler(ShingleUnit.WORD, 5);
        List<long[]> bases = new ArrayList<>();
        for (JsonNode r : records) {
            if (r.get("id").equals(r.get("cluster"))) {
                bases.add(sh.shingles(r.get("text").textValue()));
            }
        }
        Random rnd = new Random(1);
        int similar = 0;
        int trials = 5000;
        for (int t = 0; t < trials; t++) {
            int a = rnd.nextInt(bases.size());
            int b = rnd.nextInt(bases.size());
            if (a != b && Jaccard.of(bases.get(a), bases.get(b)) >= 0.2) {
                similar++;
            }
        }
        assertTrue(similar <= 5, "random base pairs with J >= 0.2: " + similar);
    }

    @Test
    void lengthsAreRealistic() {
        int[] len = records.stream().filter(r -> r.get("id").equals(r.get("cluster")))
                .mapToInt(r -> r.get("text").textValue().length()).sorted().toArray();
        int median = len[len.length / 2];
        assertTrue(median > 1800 && median < 3500, "median base length " + median);
        assertTrue(len[len.length / 20] >= 250, "short documents still have a few sentences: " + len[len.length / 20]);
        assertTrue(len[len.length - 1] <= 22_000, "longest " + len[len.length - 1]);
        assertTrue(len[len.length - len.length / 20] > 7000, "a long tail");
    }

    /** With the shared data (skipped without it): real families, one language each, and a corpus from them. */
    @Test
    void realSourceText() throws IOException {
        SourceText real = SourceText.load(dev.winnow.jobs.eval.SharedData.root());
        assertTrue(real.families().stream().anyMatch(f -> f.name().equals("europarl_docs/de")));
        assertTrue(real.families().stream().anyMatch(f -> f.name().startsWith("lid/")));
        assertTrue(real.sentenceCount() > 100_000, "sentences: " + real.sentenceCount());
        List<JsonNode> rs = parse(bytes(new NearDupCorpus(real, NearDupCorpus.Settings.defaults(300, 3))));
        assertEquals(300, rs.size());
    }

    @Test
    void sentenceSplitting() {
        assertArrayEquals(new String[] {"First one here.", "Second, with a word?", "Third paragraph, no end"},
                SourceText.sentences("First one here.  Second, with a\tword?\n\nThird paragraph, no end"));
        assertArrayEquals(new String[] {"A sentence that is long enough. Short."},
                SourceText.sentences("A sentence that is long enough. Short. ..."));
    }

    @Test
    void languageGuess() {
        assertEquals("en", SourceText.guessLanguage("We think that the report is good and this is what we need."));
        assertEquals("de", SourceText.guessLanguage("Ich denke, dass wir das nicht tun werden, und das ist gut."));
        assertEquals("el", SourceText.guessLanguage("Η Επιτροπή πρέπει να αναλάβει δράση."));
        assertEquals("xx", SourceText.guessLanguage("12345"));
    }

    private static byte[] bytes(NearDupCorpus c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out, r -> { });
        return out.toByteArray();
    }

    private static List<JsonNode> parse(byte[] jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(jsonl, StandardCharsets.UTF_8).split("\n")) {
            out.add(json.readTree(line));
        }
        Set<String> fields = new HashSet<>();
        out.get(0).fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("id", "text", "cluster", "source_id"), fields);
        return out;
    }
}
