package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastTextTrainerTest {
    private static final FastTextTrainer.Settings SMALL =
            new FastTextTrainer.Settings(16, 0.5, 10, 2, 5_000, 1, 0, 0, 7);

    /** Two classes told apart only by their vocabulary, with shared filler words. */
    static List<String> corpus(int n, long seed) {
        String[] good = {"river", "harbour", "library", "museum", "orchard", "cathedral", "meadow", "bridge"};
        String[] bad = {"click", "free", "winner", "casino", "discount", "bonus", "viagra", "prize"};
        String[] filler = {"the", "a", "of", "and", "to", "in"};
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean hq = r.nextBoolean();
            StringBuilder s = new StringBuilder(hq ? "__label__hq" : "__label__lq");
            for (int w = 0; w < 12; w++) {
                String[] pool = r.nextInt(3) == 0 ? filler : hq ? good : bad;
                s.append(' ').append(pool[r.nextInt(pool.length)]);
            }
            lines.add(s.toString());
        }
        return lines;
    }

    @Test
    void learnsASeparableProblem() {
        FastTextModel m = FastTextTrainer.train(corpus(400, 1), SMALL);
        int correct = 0;
        List<String> test = corpus(200, 2);
        for (String line : test) {
            float[] p = m.predict(line);
            String gold = line.substring(0, line.indexOf(' '));
            correct += m.dictionary().label(p[0] >= p[1] ? 0 : 1).equals(gold) ? 1 : 0;
        }
        assertTrue(correct >= 195, "correct " + correct + " of 200");
        assertTrue(m.probability("the river and the museum", "__label__hq") > 0.9);
        assertTrue(m.probability("free casino bonus", "__label__lq") > 0.9);
    }

    @Test
    void sameLinesAndSettingsGiveTheSameModelBitForBit() throws IOException {
        List<String> lines = corpus(300, 3);
        assertArrayEquals(bytes(FastTextTrainer.train(lines, SMALL)), bytes(FastTextTrainer.train(lines, SMALL)));
        assertFalse(java.util.Arrays.equals(bytes(FastTextTrainer.train(lines, SMALL)),
                bytes(FastTextTrainer.train(lines, SMALL.withSeed(8)))));
    }

    @Test
    void dictionaryIsWordsByCountThenLabelsAndCountsEveryToken() {
        FastTextArgs args = SMALL.args();
        FastTextDictionary d = FastTextTrainer.dictionary(List.of("__label__b x y y", "__label__a y z", "__label__b y"),
                args);
        // y 4, x 1, z 1 (first seen first), </s> 3 → order y, </s>, x, z; labels b (2), a (1).
        assertEquals(4, d.words());
        assertEquals(0, d.id("y"));
        assertEquals(1, d.id(FastTextDictionary.EOS));
        assertEquals(2, d.id("x"));
        assertEquals(3, d.id("z"));
        assertEquals("__label__b", d.label(0));
        assertEquals(2, d.labelCount(0));
        assertEquals(12, d.tokens()); // 5 + 4 + 3, each line with its </s>
    }

    @Test
    void minCountDropsRareWords() {
        FastTextArgs args = new FastTextTrainer.Settings(16, 0.5, 1, 1, 0, 2, 0, 0, 1).args();
        FastTextDictionary d = FastTextTrainer.dictionary(List.of("__label__a x y", "__label__a y"), args);
        assertEquals(-1, d.id("x"));
        assertTrue(d.id("y") >= 0);
    }

    @Test
    void linesWithoutLabelsAreAnError() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> FastTextTrainer.train(List.of("no labels here"), SMALL)).getMessage();
        assertTrue(m.contains("__label__"), m);
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new FastTextTrainer.Settings(0, 0.1, 5, 2, 10, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FastTextTrainer.Settings(10, 0, 5, 2, 10, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FastTextTrainer.Settings(10, 0.1, 5, 2, 0, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FastTextTrainer.Settings(10, 0.1, 5, 1, 10, 1, 4, 2, 0));
        String m = assertThrows(IllegalArgumentException.class,
                () -> new FastTextTrainer.Settings(1000, 0.1, 5, 2, 3_000_000, 1, 0, 0, 0)).getMessage();
        assertTrue(m.contains("bucket x dim") && m.contains("3,000,000 x 1000"), m);
    }

    /** Words count towards the matrix too: a dictionary that tips it over one array's size is named. */
    @Test
    void aMatrixOverOneArrayIsAnErrorNamingItsParts() {
        FastTextTrainer.Settings s = SMALL.withBucket(FastTextTrainer.MAX_ARRAY / 16);
        String m = assertThrows(IllegalArgumentException.class, () -> FastTextTrainer.weightCount(1, s)).getMessage();
        assertTrue(m.contains("(1 words + 134,217,727 buckets) x dim 16"), m);
        assertEquals((long) FastTextTrainer.MAX_ARRAY / 16 * 16, FastTextTrainer.weightCount(0, s));
        assertEquals(((long) 10 + 5_000) * 16 * 4, FastTextTrainer.weightBytes(10, SMALL));
    }

    @Test
    void trainingReleasingTheLinesGivesTheSameModelAndEmptiesThem() throws IOException {
        List<String> lines = corpus(300, 4);
        List<String> handedOver = new ArrayList<>(lines);
        byte[] released = bytes(FastTextTrainer.trainReleasing(handedOver, SMALL.withBlock(4), 2));
        assertTrue(handedOver.isEmpty());
        assertArrayEquals(bytes(FastTextTrainer.train(lines, SMALL.withBlock(4), 1)), released);
    }

    /** A heap without room for the weights gets an error that says what they are and what else was held. */
    @Test
    void noRoomForTheWeightsSaysWhatTheyHold() {
        FastTextTrainer.Settings huge = SMALL.withBucket(FastTextTrainer.MAX_ARRAY / 16 - 100);
        long bytes = FastTextTrainer.weightBytes(100, huge);
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < bytes,
                "this heap could hold " + (bytes >> 20) + " MB of weights");
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> FastTextTrainer.train(corpus(50, 5), huge));
        assertTrue(e.getMessage().startsWith("fastText fit: no room for the input matrix, ("), e.getMessage());
        assertTrue(e.getMessage().contains(" buckets) x dim 16 floats = 8,191 MB, next to 0 MB of tokenized lines "
                + "(50 lines), in a heap of at most "), e.getMessage());
    }

    private static byte[] bytes(FastTextModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }
}
