package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockSgdTest {
    private static final int DIM = 8;
    private static final int LABELS = 3;
    private static final int ROWS = 50;

    /** Lines of random rows (repeats included), some with several labels, one with none. */
    private record Data(int[][] rows, int[][] labels, int[] tokens) {
        static Data random(int lines, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int[][] rows = new int[lines][];
            int[][] labels = new int[lines][];
            int[] tokens = new int[lines];
            for (int i = 0; i < lines; i++) {
                rows[i] = r.ints(1 + r.nextInt(12), 0, ROWS).toArray();
                labels[i] = i == 3 ? new int[0] : r.ints(r.nextInt(4) == 0 ? 2 : 1, 0, LABELS).toArray();
                tokens[i] = rows[i].length + labels[i].length + 1;
            }
            return new Data(rows, labels, tokens);
        }
    }

    private static float[][] weights(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] input = new float[ROWS * DIM];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        return new float[][] {input, new float[LABELS * DIM]};
    }

    private static float[][] train(Data d, int block, int threads, long total) {
        float[][] w = weights(1);
        // chunks of two rows: row ids cross chunk boundaries everywhere
        RowMatrix input = RowMatrix.of(w[0], DIM, 2 * DIM + 1);
        new BlockSgd(input, w[1], DIM, LABELS, block, d.rows(), d.labels(), d.tokens(), 0.2, total,
                new SplittableRandom(9)).run(threads);
        w[0] = input.toArray();
        return w;
    }

    /** fastText's loop as written in its Model::update, one line at a time: the oracle for block 1. */
    private static float[][] serialFastText(Data d, long total) {
        float[][] w = weights(1);
        float[] input = w[0];
        float[] output = w[1];
        SplittableRandom random = new SplittableRandom(9);
        long tokenCount = 0;
        long local = 0;
        float[] hidden = new float[DIM];
        float[] grad = new float[DIM];
        float[] out = new float[LABELS];
        for (int i = 0; tokenCount < total; i = (i + 1) % d.rows().length) {
            float lr = (float) (0.2 * (1.0 - (double) tokenCount / total));
            local += d.tokens()[i];
            int[] labels = d.labels()[i];
            int[] rows = d.rows()[i];
            if (labels.length > 0) {
                int target = labels[labels.length == 1 ? 0 : random.nextInt(labels.length)];
                java.util.Arrays.fill(hidden, 0f);
                for (int row : rows) {
                    for (int k = 0; k < DIM; k++) {
                        hidden[k] += input[row * DIM + k];
                    }
                }
                for (int k = 0; k < DIM; k++) {
                    hidden[k] *= 1.0f / rows.length;
                }
                FastTextModel.logits(output, DIM, hidden, out);
                FastTextModel.softmax(out);
                java.util.Arrays.fill(grad, 0f);
                for (int label = 0; label < LABELS; label++) {
                    float alpha = lr * ((label == target ? 1f : 0f) - out[label]);
                    for (int k = 0; k < DIM; k++) {
                        grad[k] += alpha * output[label * DIM + k];
                        output[label * DIM + k] += alpha * hidden[k];
                    }
                }
                for (int k = 0; k < DIM; k++) {
                    grad[k] *= 1.0f / rows.length;
                }
                for (int row : rows) {
                    for (int k = 0; k < DIM; k++) {
                        input[row * DIM + k] += grad[k];
                    }
                }
            }
            if (local > FastTextTrainer.LR_UPDATE_RATE) {
                tokenCount += local;
                local = 0;
            }
        }
        return w;
    }

    @Test
    void blockOneIsFastTextsSerialSgdBitForBit() {
        Data d = Data.random(40, 3);
        float[][] oracle = serialFastText(d, 5_000);
        for (int threads : new int[] {1, 2}) {
            float[][] w = train(d, 1, threads, 5_000);
            assertArrayEquals(oracle[0], w[0], "input, threads " + threads);
            assertArrayEquals(oracle[1], w[1], "output, threads " + threads);
        }
    }

    @Test
    void anyNumberOfThreadsGivesTheSameWeightsBitForBit() {
        Data d = Data.random(97, 5); // blocks do not divide the lines: the last of an epoch spans two
        for (int block : new int[] {2, 7, 16}) {
            float[][] one = train(d, block, 1, 20_000);
            for (int threads : new int[] {2, 3, 4, 16}) {
                float[][] w = train(d, block, threads, 20_000);
                assertArrayEquals(one[0], w[0], "input, block " + block + ", threads " + threads);
                assertArrayEquals(one[1], w[1], "output, block " + block + ", threads " + threads);
            }
        }
    }

    @Test
    void aLargerBlockIsADifferentAlgorithm() {
        Data d = Data.random(60, 7);
        assertFalse(java.util.Arrays.equals(train(d, 1, 1, 5_000)[0], train(d, 8, 1, 5_000)[0]));
    }

    @Test
    void theTrainerGivesTheSameModelOnAnyThreadsAndStillLearnsWithBlocks() throws IOException {
        List<String> lines = FastTextTrainerTest.corpus(500, 11);
        FastTextTrainer.Settings settings = new FastTextTrainer.Settings(16, 0.5, 10, 2, 5_000, 1, 0, 0, 7, 16);
        FastTextModel one = FastTextTrainer.train(lines, settings, 1);
        assertArrayEquals(bytes(one), bytes(FastTextTrainer.train(lines, settings, 2)));
        assertArrayEquals(bytes(one), bytes(FastTextTrainer.train(lines, settings, 5)));
        int correct = 0;
        List<String> test = FastTextTrainerTest.corpus(200, 12);
        for (String line : test) {
            float[] p = one.predict(line);
            String gold = line.substring(0, line.indexOf(' '));
            correct += one.dictionary().label(p[0] >= p[1] ? 0 : 1).equals(gold) ? 1 : 0;
        }
        assertTrue(correct >= 195, "correct " + correct + " of 200");
    }

    @Test
    void theDictionaryCountedInPartsIsTheSerialOne() {
        List<String> lines = new ArrayList<>(FastTextTrainerTest.corpus(300, 13));
        lines.add("__label__zz rare words seen once at the end");
        FastTextArgs args = FastTextTrainer.Settings.DEFAULT.args();
        FastTextDictionary serial = FastTextTrainer.dictionary(lines, args, 1);
        FastTextDictionary parts = FastTextTrainer.dictionary(lines, args, 3);
        assertEquals(serial.words(), parts.words());
        assertEquals(serial.labels(), parts.labels());
        assertEquals(serial.tokens(), parts.tokens());
        for (int i = 0; i < serial.labels(); i++) {
            assertEquals(serial.label(i), parts.label(i));
            assertEquals(serial.labelCount(i), parts.labelCount(i));
        }
        for (String w : List.of("river", "the", "casino", "rare", "end", FastTextDictionary.EOS)) {
            assertEquals(serial.id(w), parts.id(w), w);
        }
    }

    @Test
    void blockAndThreadsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new FastTextTrainer.Settings(10, 0.1, 5, 2, 10, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FastTextTrainer.Settings(10, 0.1, 5, 2, 10, 1, 0, 0, 0,
                FastTextTrainer.MAX_BLOCK + 1));
        assertThrows(IllegalArgumentException.class,
                () -> FastTextTrainer.train(FastTextTrainerTest.corpus(10, 1), FastTextTrainer.Settings.DEFAULT, 0));
    }

    private static byte[] bytes(FastTextModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }
}
