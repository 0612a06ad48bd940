package dev.winnow.quality.fasttext;

import java.util.Arrays;

/**
 * A rows × dim float matrix (fastText's input embeddings) held as chunks of whole rows, each its
 * own array of at most {@link #CHUNK_FLOATS} floats. One array would need as many contiguous
 * free heap regions as it is large (800 MB and more at 2,000,000 buckets); G1 can have the free
 * memory and still not find them: a quality fit with 486 MB live in a 2 GB heap failed to
 * allocate its 960 MB matrix in one piece.
 */
final class RowMatrix {
    /** Floats per chunk at most: 16 MB. */
    static final int CHUNK_FLOATS = 1 << 22;

    private final int rows;
    private final int dim;
    /** Rows per chunk, a power of two, so a row's chunk is a shift and its offset a mask. */
    private final int shift;
    private final int mask;
    private final float[][] chunks;

    /** A zeroed matrix. */
    RowMatrix(int rows, int dim) {
        this(rows, dim, CHUNK_FLOATS);
    }

    /** A zeroed matrix in chunks of at most {@code chunkFloats} floats (but at least one row). */
    RowMatrix(int rows, int dim, int chunkFloats) {
        if (rows < 0 || dim < 1 || chunkFloats < 1) {
            throw new IllegalArgumentException("need rows >= 0, dim >= 1 and chunks of >= 1 float, got " + rows
                    + " x " + dim + " in " + chunkFloats);
        }
        this.rows = rows;
        this.dim = dim;
        this.shift = 31 - Integer.numberOfLeadingZeros(Math.max(1, chunkFloats / dim));
        this.mask = (1 << shift) - 1;
        int count = (int) (((long) rows + mask) >>> shift);
        this.chunks = new float[count][];
        for (int c = 0; c < count; c++) {
            chunks[c] = new float[chunkRows(c) * dim];
        }
    }

    /** The matrix of a row-major array ({@code flat.length} a multiple of {@code dim}). */
    static RowMatrix of(float[] flat, int dim) {
        return of(flat, dim, CHUNK_FLOATS);
    }

    static RowMatrix of(float[] flat, int dim, int chunkFloats) {
        if (flat.length % dim != 0) {
            throw new IllegalArgumentException(flat.length + " floats are not rows of " + dim);
        }
        RowMatrix m = new RowMatrix(flat.length / dim, dim, chunkFloats);
        for (int c = 0; c < m.chunks.length; c++) {
            float[] chunk = m.chunks[c];
            System.arraycopy(flat, (c << m.shift) * dim, chunk, 0, chunk.length);
        }
        return m;
    }

    int rows() {
        return rows;
    }

    int dim() {
        return dim;
    }

    /** The chunk that holds {@code row}; the row starts at {@link #offset(int)} in it. */
    float[] chunk(int row) {
        return chunks[row >>> shift];
    }

    int offset(int row) {
        return (row & mask) * dim;
    }

    int chunkCount() {
        return chunks.length;
    }

    /** Chunk {@code c}: rows {@code c · rowsPerChunk} on, {@link #chunkRows(int)} of them. */
    float[] chunkAt(int c) {
        return chunks[c];
    }

    int chunkRows(int c) {
        return Math.min(1 << shift, rows - (c << shift));
    }

    float get(int row, int d) {
        return chunk(row)[offset(row) + d];
    }

    /**
     * Sets the floats at row-major positions {@code [from, to)} from {@code source}, one value
     * each, in order: a flat view for filling the matrix in fixed parts.
     */
    void fill(long from, long to, java.util.function.DoubleSupplier source) {
        long i = from;
        while (i < to) {
            int row = (int) (i / dim);
            int d = (int) (i % dim);
            float[] c = chunk(row);
            int at = offset(row) + d;
            int n = (int) Math.min(dim - d, to - i);
            for (int k = 0; k < n; k++) {
                c[at + k] = (float) source.getAsDouble();
            }
            i += n;
        }
    }

    /** Floats per 64-byte cache line. */
    private static final int LINE_FLOATS = 16;

    /**
     * Reads one float of every cache line of the rows, and nothing else. The fit's rows are
     * scattered over hundreds of megabytes, so nearly every one costs a page walk and a miss.
     * Summed one row at a time, the processor keeps only the few rows in flight that fit its
     * reorder window beside the additions; these bare loads put all of a line's misses in
     * flight at once, and the sum then finds the rows in cache (Java has no prefetch
     * instruction). The fit's time fell by a fifth, with the same model.
     */
    private void fetch(int[] rowIds) {
        int bits = 0;
        for (int row : rowIds) {
            float[] c = chunk(row);
            int base = offset(row);
            for (int d = 0; d < dim; d += LINE_FLOATS) {
                bits |= Float.floatToRawIntBits(c[base + d]);
            }
            bits |= Float.floatToRawIntBits(c[base + dim - 1]); // a row need not start on a line
        }
        ReadAhead.keep(bits);
    }

    /** The hidden layer: the mean of the rows' vectors (fastText's computeHidden), into {@code hidden}. */
    void averageRows(int[] rowIds, float[] hidden) {
        fetch(rowIds);
        Arrays.fill(hidden, 0, dim, 0f);
        int k = 0;
        // Four rows per pass over hidden: each element gets the same additions in the same order
        // (so the same float), with a quarter of hidden's loads and stores (fit 6-8% faster).
        for (; k + 4 <= rowIds.length; k += 4) {
            float[] c0 = chunk(rowIds[k]);
            float[] c1 = chunk(rowIds[k + 1]);
            float[] c2 = chunk(rowIds[k + 2]);
            float[] c3 = chunk(rowIds[k + 3]);
            int b0 = offset(rowIds[k]);
            int b1 = offset(rowIds[k + 1]);
            int b2 = offset(rowIds[k + 2]);
            int b3 = offset(rowIds[k + 3]);
            for (int d = 0; d < dim; d++) {
                hidden[d] = hidden[d] + c0[b0 + d] + c1[b1 + d] + c2[b2 + d] + c3[b3 + d];
            }
        }
        for (; k < rowIds.length; k++) {
            float[] c = chunk(rowIds[k]);
            int base = offset(rowIds[k]);
            for (int d = 0; d < dim; d++) {
                hidden[d] += c[base + d];
            }
        }
        float scale = 1.0f / rowIds.length;
        for (int d = 0; d < dim; d++) {
            hidden[d] *= scale;
        }
    }

    /** A row-major copy (tests, and small matrices). */
    float[] toArray() {
        float[] flat = new float[Math.multiplyExact(rows, dim)];
        for (int c = 0; c < chunks.length; c++) {
            System.arraycopy(chunks[c], 0, flat, (c << shift) * dim, chunks[c].length);
        }
        return flat;
    }
}
