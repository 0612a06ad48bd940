package dev.winnow.dedup;

/** Exact Jaccard similarity of two shingle sets given as sorted, distinct arrays. */
public final class Jaccard {
    private Jaccard() {
    }

    /** |a ∩ b| / |a ∪ b|; two empty sets are identical (1). */
    public static double of(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int common = intersection(a, b);
        return (double) common / (a.length + b.length - common);
    }

    /** |a ∩ b| by one merge pass. */
    public static int intersection(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }
}
