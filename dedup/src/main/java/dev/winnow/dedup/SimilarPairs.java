package dev.winnow.dedup;

import java.util.Arrays;

/**
 * The result of a similarity join: pairs {@code (i, j)} of set indices, {@code i < j}, sorted by
 * {@code i} then {@code j}, each with its overlap |a ∩ b|. A pair is one long,
 * {@code i << 32 | j}, so millions of pairs stay compact.
 */
public final class SimilarPairs {
    private final long[] pairs;
    private final int[] overlaps;
    private final int[] sizes;

    /** {@code sizes[i]} is |set i|, for the similarities. */
    SimilarPairs(long[] pairs, int[] overlaps, int[] sizes) {
        this.pairs = pairs;
        this.overlaps = overlaps;
        this.sizes = sizes;
    }

    public static long pack(int i, int j) {
        return ((long) i << 32) | (j & 0xFFFFFFFFL);
    }

    public static int first(long pair) {
        return (int) (pair >>> 32);
    }

    public static int second(long pair) {
        return (int) pair;
    }

    public int size() {
        return pairs.length;
    }

    /** The {@code k}-th pair, packed. */
    public long pair(int k) {
        return pairs[k];
    }

    public int first(int k) {
        return first(pairs[k]);
    }

    public int second(int k) {
        return second(pairs[k]);
    }

    /** |a ∩ b| of the {@code k}-th pair. */
    public int overlap(int k) {
        return overlaps[k];
    }

    /** Jaccard similarity of the {@code k}-th pair, the same double as {@link Jaccard#of}. */
    public double similarity(int k) {
        int c = overlaps[k];
        return (double) c / (sizes[first(k)] + sizes[second(k)] - c);
    }

    /** A copy of all packed pairs, in order. */
    public long[] toPackedArray() {
        return pairs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimilarPairs p && Arrays.equals(pairs, p.pairs) && Arrays.equals(overlaps, p.overlaps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pairs) + Arrays.hashCode(overlaps);
    }

    @Override
    public String toString() {
        return pairs.length + " pairs";
    }
}
