package dev.winnow.dedup;

/** Exact Jaccard similarity of two shingle sets given as sorted, distinct arrays (of 64- or 32-bit hashes). */
public final class Jaccard {
    private Jaccard() {
    }

    /** |a ∩ b| / |a ∪ b|; two empty sets are identical (1). */
    public static double of(long[] a, long[] b) {
        return ratio(intersection(a, b), a.length, b.length);
    }

    /**
     * |a ∩ b| by one merge pass, without branches on the comparisons: on random hashes about every
     * other branch of a merge is mispredicted. JMH, 615-element sets: 2.7 against 6.0 µs at a false
     * candidate's overlap (J 0.3), about the same 2.5-2.7 µs at a near-duplicate's (J 0.8), where the branches
     * are predictable. Four merges interleaved in one loop were not faster ({@code JaccardBenchmark}).
     */
    public static int intersection(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        int na = a.length;
        int nb = b.length;
        while (i < na && j < nb) {
            long x = a[i];
            long y = b[j];
            common += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return common;
    }

    /** |a ∩ b| / |a ∪ b| of 32-bit sets ({@link Shingles32}); two empty sets are identical (1). */
    public static double of(int[] a, int[] b) {
        return ratio(intersection(a, b), a.length, b.length);
    }

    /** |a ∩ b| / |a ∪ b| from the intersection and the two sizes; two empty sets are identical (1). */
    private static double ratio(int common, int sizeA, int sizeB) {
        return sizeA == 0 && sizeB == 0 ? 1.0 : (double) common / (sizeA + sizeB - common);
    }

    /**
     * |a ∩ b| of 32-bit sets, the same branch-free merge as {@link #intersection(long[], long[])}
     * (written once per primitive type, as {@code java.util.Arrays} does: a generic one would box).
     */
    public static int intersection(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        int na = a.length;
        int nb = b.length;
        while (i < na && j < nb) {
            int x = a[i];
            int y = b[j];
            common += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return common;
    }
}
