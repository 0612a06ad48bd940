package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastTextModelTest {
    @TempDir
    Path dir;

    static FastTextModel model(FastTextArgs.Loss loss) {
        FastTextArgs a = new FastTextArgs(4, 5, 5, 1, 5, 2, loss, FastTextArgs.Kind.SUPERVISED, 50, 0, 0, 100, 1e-4);
        FastTextDictionary d = FastTextDictionary.of(a, java.util.List.of("hello", "world", FastTextDictionary.EOS),
                new long[] {5, 3, 2}, java.util.List.of("__label__hq", "__label__lq"), new long[] {4, 1}, 10);
        Random r = new Random(3);
        float[] input = new float[(3 + 50) * 4];
        float[] output = new float[2 * 4];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < output.length; i++) {
            output[i] = (float) r.nextGaussian();
        }
        return new FastTextModel(a, d, RowMatrix.of(input, 4), output);
    }

    @Test
    void writeThenReadGivesTheSameBytesAndPredictions() throws IOException {
        FastTextModel m = model(FastTextArgs.Loss.SOFTMAX);
        Path file = dir.resolve("m.bin");
        m.save(file);
        FastTextModel back = FastTextModel.load(file);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        back.write(again);
        assertArrayEquals(Files.readAllBytes(file), again.toByteArray());
        assertEquals(m.args(), back.args());
        assertArrayEquals(m.predict("hello world"), back.predict("hello world"));
    }

    /** The prediction computed by hand: mean of the input rows, then softmax of the output layer. */
    @Test
    void softmaxPredictionIsTheAveragedRowsThroughTheOutputLayer() {
        FastTextModel m = model(FastTextArgs.Loss.SOFTMAX);
        IntList rows = new IntList();
        m.dictionary().line("hello world", rows, null);
        double[] hidden = new double[4];
        for (int r = 0; r < rows.size(); r++) {
            for (int d = 0; d < 4; d++) {
                hidden[d] += m.input.get(rows.get(r), d) / (double) rows.size();
            }
        }
        double[] logits = new double[2];
        for (int l = 0; l < 2; l++) {
            for (int d = 0; d < 4; d++) {
                logits[l] += m.output[l * 4 + d] * hidden[d];
            }
        }
        double z = Math.exp(logits[0]) + Math.exp(logits[1]);
        float[] p = m.predict("hello world");
        assertEquals(Math.exp(logits[0]) / z, p[0], 1e-5);
        assertEquals(Math.exp(logits[1]) / z, p[1], 1e-5);
        assertEquals(p[0], m.probability("hello world", "__label__hq"), 0);
        assertEquals(-1, m.probability("hello world", "__label__nope"));
    }

    @Test
    void binaryLossesUseFastTextsSigmoidTable() {
        FastTextModel m = model(FastTextArgs.Loss.OVA);
        float[] p = m.predict("hello");
        for (float v : p) {
            assertTrue(v >= 0 && v <= 1, Arrays.toString(p));
        }
        assertEquals(0f, FastTextModel.sigmoid(-9f));
        assertEquals(1f, FastTextModel.sigmoid(9f));
        assertEquals(0.5f, FastTextModel.sigmoid(0f), 0.01f);
    }

    @Test
    void anEmptyLineStillHasTheEndOfSentenceToken() {
        float[] p = model(FastTextArgs.Loss.SOFTMAX).predict("");
        assertEquals(1.0, p[0] + p[1], 1e-5);
    }

    @Test
    void badFilesAreClearErrors() throws IOException {
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        model(FastTextArgs.Loss.SOFTMAX).write(good);
        byte[] bytes = good.toByteArray();

        byte[] badMagic = bytes.clone();
        badMagic[0] ^= 1;
        assertMessage(badMagic, "not a fastText model");

        byte[] badVersion = bytes.clone();
        ByteBuffer.wrap(badVersion).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 11);
        assertMessage(badVersion, "version 11");

        assertMessage(Arrays.copyOf(bytes, bytes.length - 10), "ends early");
    }

    private static void assertMessage(byte[] bytes, String expected) {
        String m = assertThrows(IOException.class, () -> FastTextModel.read(new ByteArrayInputStream(bytes), "x.bin"))
                .getMessage();
        assertTrue(m.contains(expected), m);
    }
}
