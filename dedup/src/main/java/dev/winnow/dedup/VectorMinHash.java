package dev.winnow.dedup;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * MinHash signatures with the Vector API: the permutations a whole vector at a time (8 on
 * AVX-512, 4 on AVX2), two vectors per pass over the shingles. The same arithmetic as the scalar
 * loop (64-bit multiply-add, signed minimum), so the same signatures, bit for bit. Loaded only
 * through {@link MinHasher}, after it has checked that the module is there.
 */
final class VectorMinHash {
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;

    private VectorMinHash() {
    }

    /**
     * Whether this machine's vectors make it worth it: 256 bits or more. Below (SSE, AVX1, 128-bit
     * NEON) 64-bit vector multiplies are emulated, and were measured 16 times slower than scalar
     * code on SSE2.
     */
    static boolean pays() {
        return SPECIES.vectorBitSize() >= 256;
    }

    /** The lanes of a vector, for the log and the benchmarks. */
    static String shape() {
        return SPECIES.length() + " x 64-bit lanes (" + SPECIES.vectorBitSize() + "-bit vectors)";
    }

    /** {@code sig[i] = min over s of a[i] * s + b[i]}, as {@link MinHasher#signature} defines it. */
    static void signature(long[] a, long[] b, long[] shingles, long[] sig) {
        int lanes = SPECIES.length();
        int n = sig.length;
        int i = 0;
        for (; i + 2 * lanes <= n; i += 2 * lanes) {
            LongVector a0 = LongVector.fromArray(SPECIES, a, i);
            LongVector b0 = LongVector.fromArray(SPECIES, b, i);
            LongVector a1 = LongVector.fromArray(SPECIES, a, i + lanes);
            LongVector b1 = LongVector.fromArray(SPECIES, b, i + lanes);
            LongVector m0 = LongVector.broadcast(SPECIES, Long.MAX_VALUE);
            LongVector m1 = m0;
            for (long s : shingles) {
                m0 = m0.min(a0.mul(s).add(b0));
                m1 = m1.min(a1.mul(s).add(b1));
            }
            m0.intoArray(sig, i);
            m1.intoArray(sig, i + lanes);
        }
        for (; i + lanes <= n; i += lanes) {
            LongVector a0 = LongVector.fromArray(SPECIES, a, i);
            LongVector b0 = LongVector.fromArray(SPECIES, b, i);
            LongVector m0 = LongVector.broadcast(SPECIES, Long.MAX_VALUE);
            for (long s : shingles) {
                m0 = m0.min(a0.mul(s).add(b0));
            }
            m0.intoArray(sig, i);
        }
        for (; i < n; i++) {
            long m = Long.MAX_VALUE;
            for (long s : shingles) {
                m = Math.min(m, a[i] * s + b[i]);
            }
            sig[i] = m;
        }
    }
}
