package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RowMatrixTest {
    private static float[] flat(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextDouble(-1, 1);
        }
        return f;
    }

    @Test
    void rowsAreSplitIntoPowerOfTwoChunksOfWholeRows() {
        RowMatrix m = new RowMatrix(11, 3, 13); // 13 / 3 = 4 rows of 3 per chunk
        assertEquals(3, m.chunkCount());
        assertEquals(4, m.chunkRows(0));
        assertEquals(3, m.chunkRows(2));
        assertEquals(12, m.chunkAt(0).length);
        assertEquals(9, m.chunkAt(2).length);
        assertEquals(m.chunkAt(1), m.chunk(7));
        assertEquals(9, m.offset(7));
        RowMatrix wide = new RowMatrix(5, 100, 10); // a row wider than a chunk: one row per chunk
        assertEquals(5, wide.chunkCount());
        assertEquals(100, wide.chunkAt(4).length);
        assertEquals(1, new RowMatrix(2_000_000, 100).chunkRows(0) >>> 15);
        assertEquals(0, new RowMatrix(0, 4).chunkCount());
        assertThrows(IllegalArgumentException.class, () -> new RowMatrix(3, 0));
        assertThrows(IllegalArgumentException.class, () -> RowMatrix.of(new float[7], 3));
    }

    @Test
    void aFlatArrayComesBackAsItWent() {
        float[] f = flat(11 * 3, 1);
        RowMatrix m = RowMatrix.of(f, 3, 7);
        assertArrayEquals(f, m.toArray());
        for (int row = 0; row < 11; row++) {
            for (int d = 0; d < 3; d++) {
                assertEquals(f[row * 3 + d], m.get(row, d));
            }
        }
    }

    /** Parts of the flat range filled in any order give the flat fill: parts may start mid-row and mid-chunk. */
    @Test
    void fillingFlatPartsIsFillingTheFlatArray() {
        float[] expected = new float[13 * 5];
        SplittableRandom a = new SplittableRandom(3);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) a.nextDouble();
        }
        RowMatrix m = new RowMatrix(13, 5, 12);
        SplittableRandom b = new SplittableRandom(3);
        long[] cuts = {0, 7, 8, 31, 40, 65};
        for (int p = 0; p < cuts.length - 1; p++) {
            m.fill(cuts[p], cuts[p + 1], b::nextDouble);
        }
        assertArrayEquals(expected, m.toArray());
    }

    @Test
    void averageRowsIsTheMeanOfTheRowsInOrder() {
        float[] f = flat(9 * 4, 5);
        RowMatrix m = RowMatrix.of(f, 4, 8);
        int[] rows = {8, 0, 3, 3, 5};
        float[] expected = new float[4];
        for (int row : rows) {
            for (int d = 0; d < 4; d++) {
                expected[d] += f[row * 4 + d];
            }
        }
        for (int d = 0; d < 4; d++) {
            expected[d] *= 1.0f / rows.length;
        }
        float[] hidden = {9, 9, 9, 9};
        m.averageRows(rows, hidden);
        assertArrayEquals(expected, hidden);
    }

    /**
     * Every width, with rows that end their chunk: the reads ahead of the sum stay inside each
     * row. And many rows of mixed magnitudes, summed in order: any other grouping of the
     * additions rounds differently somewhere.
     */
    @Test
    void averageRowsReadsEveryRowWholeAndAddsInOrder() {
        SplittableRandom random = new SplittableRandom(11);
        for (int dim : new int[] {1, 5, 15, 16, 17, 32, 100}) {
            float[] f = flat(7 * dim, dim);
            for (int i = 0; i < f.length; i++) {
                f[i] = Math.scalb(f[i], random.nextInt(-12, 13));
            }
            RowMatrix m = RowMatrix.of(f, dim, 2 * dim); // two rows per chunk, the last one alone
            int[] rows = random.ints(31, 0, 7).toArray();
            rows[0] = 6;
            float[] expected = new float[dim];
            for (int row : rows) {
                for (int d = 0; d < dim; d++) {
                    expected[d] += f[row * dim + d];
                }
            }
            for (int d = 0; d < dim; d++) {
                expected[d] *= 1.0f / rows.length;
            }
            float[] hidden = new float[dim];
            m.averageRows(rows, hidden);
            assertArrayEquals(expected, hidden, "dim " + dim);
        }
    }
}
