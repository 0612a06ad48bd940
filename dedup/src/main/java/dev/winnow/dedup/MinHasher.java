package dev.winnow.dedup;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures: value {@code i} is the minimum of {@code a[i] * s + b[i]} (mod 2^64) over
 * the document's shingle hashes {@code s}. Shingles are already uniform 64-bit hashes, so one
 * multiply-add per (shingle, permutation) is a good random permutation; the text is hashed once.
 * Two documents agree on a value with probability equal to their shingles' Jaccard similarity.
 *
 * <p>Immutable and thread-safe; the same (numHashes, seed) gives the same signatures anywhere.
 *
 * <p>The loop runs on the Vector API ({@link VectorMinHash}) where the JVM has the
 * {@code jdk.incubator.vector} module and vectors of 256 bits or more, else as scalar code; both
 * give the same values. {@code -Dwinnow.minhash.vector=false} forces the scalar loop (benchmarks
 * compare the two in one JVM).
 */
public final class MinHasher {
    /** Which loop signatures run on in a JVM, and why. */
    public enum Loop {
        VECTOR,
        /** The JVM was started without {@code --add-modules=jdk.incubator.vector}: worth fixing. */
        SCALAR_NO_MODULE,
        /** The processor's vectors are under 256 bits, where the Vector API would be slower (or it does not link). */
        SCALAR_NARROW_VECTORS,
        /** {@code -Dwinnow.minhash.vector=false}. */
        SCALAR_TURNED_OFF
    }

    private static final Loop LOOP = loopHere();
    private static final boolean VECTOR = LOOP == Loop.VECTOR;

    private final long[] a;
    private final long[] b;
    private final long seed;

    public MinHasher(int numHashes, long seed) {
        if (numHashes < 1) {
            throw new IllegalArgumentException("number of hashes must be positive, got " + numHashes);
        }
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        a = new long[numHashes];
        b = new long[numHashes];
        for (int i = 0; i < numHashes; i++) {
            a[i] = random.nextLong() | 1L; // odd: multiplication is then a bijection mod 2^64
            b[i] = random.nextLong();
        }
    }

    public int numHashes() {
        return a.length;
    }

    public long seed() {
        return seed;
    }

    /** The signature of a shingle set; null for an empty set (it has no minimum). */
    public long[] signature(long[] shingles) {
        return signature(shingles, VECTOR);
    }

    /** As {@link #signature(long[])}, always on the scalar loop: the baseline benchmarks compare with. */
    public long[] scalarSignature(long[] shingles) {
        return signature(shingles, false);
    }

    /** As {@link #signature(long[])}, on the vector loop or the scalar one (tests compare them). */
    long[] signature(long[] shingles, boolean vector) {
        if (shingles.length == 0) {
            return null;
        }
        long[] sig = new long[a.length];
        if (vector) {
            VectorMinHash.signature(a, b, shingles, sig);
            return sig;
        }
        Arrays.fill(sig, Long.MAX_VALUE);
        final long[] a = this.a;
        final long[] b = this.b;
        for (long s : shingles) {
            // Inner loop over permutations: independent lanes (C2 vectorizes it from JDK 21 on).
            for (int i = 0; i < sig.length; i++) {
                sig[i] = Math.min(sig[i], a[i] * s + b[i]);
            }
        }
        return sig;
    }

    /** Which loop {@link #signature(long[])} runs here, in words. */
    public static String loop() {
        return VECTOR ? "vector, " + VectorMinHash.shape() : "scalar";
    }

    /** Which loop {@link #signature(long[])} runs in this JVM, and why. */
    public static Loop loopKind() {
        return LOOP;
    }

    /** Whether the Vector API module is loaded in this JVM (the vector loop can then run). */
    static boolean vectorModuleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Loop loopHere() {
        if (!Boolean.parseBoolean(System.getProperty("winnow.minhash.vector", "true"))) {
            return Loop.SCALAR_TURNED_OFF;
        }
        if (!vectorModuleLoaded()) {
            return Loop.SCALAR_NO_MODULE;
        }
        try {
            return VectorMinHash.pays() ? Loop.VECTOR : Loop.SCALAR_NARROW_VECTORS;
        } catch (LinkageError e) {
            return Loop.SCALAR_NARROW_VECTORS;
        }
    }

    /** The share of equal positions: an unbiased estimate of the two sets' Jaccard similarity. */
    public static double estimate(long[] sig1, long[] sig2) {
        if (sig1.length != sig2.length) {
            throw new IllegalArgumentException("signatures of different lengths: " + sig1.length + ", " + sig2.length);
        }
        int same = 0;
        for (int i = 0; i < sig1.length; i++) {
            if (sig1[i] == sig2[i]) {
                same++;
            }
        }
        return (double) same / sig1.length;
    }
}
