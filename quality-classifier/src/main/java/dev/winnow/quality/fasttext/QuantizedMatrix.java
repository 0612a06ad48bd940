package dev.winnow.quality.fasttext;

import java.io.IOException;

/**
 * Reads a product-quantized matrix of a {@code .ftz} model (fastText's QuantMatrix) and expands
 * it to dense rows: each row is the concatenation of one 256-entry codebook centroid per
 * sub-vector, times the row's quantized norm when {@code qnorm} is set. Expanding once at load
 * lets .ftz models score through the same code as .bin ones.
 */
final class QuantizedMatrix {
    private static final int KSUB = 256;

    private QuantizedMatrix() {}

    static float[] readDense(LittleEndianInput in, long expectedRows, int expectedCols, String name)
            throws IOException {
        boolean qnorm = in.readBool();
        long m = in.readLong();
        long n = in.readLong();
        if ((expectedRows >= 0 && m != expectedRows) || n != expectedCols || m * n > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": quantized matrix is " + m + "×" + n + ", expected " + expectedRows + "×"
                    + expectedCols);
        }
        int codeSize = in.readInt();
        byte[] codes = new byte[codeSize];
        for (int i = 0; i < codeSize; i++) {
            codes[i] = in.readByte();
        }
        Quantizer pq = Quantizer.read(in);
        byte[] normCodes = null;
        Quantizer npq = null;
        if (qnorm) {
            normCodes = new byte[(int) m];
            for (int i = 0; i < m; i++) {
                normCodes[i] = in.readByte();
            }
            npq = Quantizer.read(in);
        }
        if (codeSize != m * pq.nsubq) {
            throw new IOException(name + ": " + codeSize + " codes for " + m + " rows of " + pq.nsubq + " sub-vectors");
        }
        float[] dense = new float[(int) (m * n)];
        for (int row = 0; row < m; row++) {
            float norm = qnorm ? npq.centroid(0, normCodes[row] & 0xFF)[0] : 1f;
            pq.addCode(dense, row * (int) n, codes, row, norm);
        }
        return dense;
    }

    /** fastText's ProductQuantizer with 8-bit codes. */
    private static final class Quantizer {
        final int dim;
        final int nsubq;
        final int dsub;
        final int lastdsub;
        final float[] centroids;

        private Quantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
            this.dim = dim;
            this.nsubq = nsubq;
            this.dsub = dsub;
            this.lastdsub = lastdsub;
            this.centroids = centroids;
        }

        static Quantizer read(LittleEndianInput in) throws IOException {
            int dim = in.readInt();
            int nsubq = in.readInt();
            int dsub = in.readInt();
            int lastdsub = in.readInt();
            if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || (long) dim * KSUB > Integer.MAX_VALUE) {
                throw new IOException("fastText model: bad product quantizer (dim " + dim + ", nsubq " + nsubq + ")");
            }
            float[] centroids = new float[dim * KSUB];
            in.readFloats(centroids);
            return new Quantizer(dim, nsubq, dsub, lastdsub, centroids);
        }

        /** The centroid of sub-vector m, code i, as an array whose first element is at offset(). */
        float[] centroid(int m, int i) {
            int offset = offset(m, i);
            int length = m == nsubq - 1 ? lastdsub : dsub;
            return java.util.Arrays.copyOfRange(centroids, offset, offset + length);
        }

        private int offset(int m, int i) {
            return m == nsubq - 1 ? m * KSUB * dsub + i * lastdsub : (m * KSUB + i) * dsub;
        }

        /** x[base..] += alpha × decode(codes of row t), as fastText's addcode. */
        void addCode(float[] x, int base, byte[] codes, int t, float alpha) {
            int d = dsub;
            for (int m = 0; m < nsubq; m++) {
                int c = offset(m, codes[nsubq * t + m] & 0xFF);
                if (m == nsubq - 1) {
                    d = lastdsub;
                }
                for (int k = 0; k < d; k++) {
                    x[base + m * dsub + k] += alpha * centroids[c + k];
                }
            }
        }
    }
}
