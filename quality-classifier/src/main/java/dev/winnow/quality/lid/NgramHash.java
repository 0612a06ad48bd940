package dev.winnow.quality.lid;

/**
 * The 64-bit key of a character n-gram in the compiled model. An n-gram is hashed from its last
 * code point backwards, so that the keys of all n-grams ending at one position (orders 1, 2, 3…)
 * come from one running hash: the detector extends the hash by one earlier character per order.
 * The compiler and the detector must agree on this function; the model file records its version.
 */
public final class NgramHash {
    /** Bumped whenever {@link #extend} changes, so an old model file is refused, not misread. */
    public static final int VERSION = 1;

    static final long SEED = 0x5851F42D4C957F2DL;

    private NgramHash() {}

    /** The key of the n-gram made of {@code earlier} followed by the n-gram whose key is {@code h}. */
    public static long extend(long h, int earlier) {
        long x = h ^ (earlier * 0x9E3779B97F4A7C15L);
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** The key of a whole n-gram given as code points. */
    public static long of(int[] codePoints) {
        long h = SEED;
        for (int i = codePoints.length - 1; i >= 0; i--) {
            h = extend(h, codePoints[i]);
        }
        return h;
    }
}
