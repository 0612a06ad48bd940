package dev.winnow.dedup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Precision, recall and F1 of predicted duplicate pairs against true ones. Documents are dense
 * indices {@code 0..n-1} (see {@link Ids} for string ids); a pair is order-insensitive and packed
 * in one long by {@link #key}, and a pair set is a sorted array of distinct keys.
 *
 * <p>Clusterings (a component label per document) compare without materializing their pairs: a
 * component of n members stands for n(n−1)/2 pairs, and two clusterings share
 * Σ C(n_ij, 2) pairs over the cells of their contingency table. {@link #expand} materializes
 * when pairs are really needed, up to a limit.
 */
public final class PairMetrics {
    /** Default limit of {@link #expand}: 10^7 pairs, 80 MB of keys. */
    public static final long DEFAULT_EXPAND_LIMIT = 10_000_000L;

    private PairMetrics() {
    }

    /**
     * The counts of one comparison. Precision of an empty prediction and recall of an empty truth
     * are 1 (nothing claimed is wrong, nothing to find was missed).
     */
    public record Result(long truePositives, long predicted, long truth) {
        public long falsePositives() {
            return predicted - truePositives;
        }

        public long falseNegatives() {
            return truth - truePositives;
        }

        public double precision() {
            return predicted == 0 ? 1.0 : (double) truePositives / predicted;
        }

        public double recall() {
            return truth == 0 ? 1.0 : (double) truePositives / truth;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "P=%.4f R=%.4f F1=%.4f (tp=%d fp=%d fn=%d)",
                    precision(), recall(), f1(), truePositives, falsePositives(), falseNegatives());
        }
    }

    /** The key of the unordered pair {a, b}; a ≠ b, both non-negative. */
    public static long key(int a, int b) {
        if (a < 0 || b < 0 || a == b) {
            throw new IllegalArgumentException("a pair needs two different non-negative indices, got " + a + ", " + b);
        }
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | hi;
    }

    /** The smaller index of a key. */
    public static int first(long key) {
        return (int) (key >>> 32);
    }

    /** The larger index of a key. */
    public static int second(long key) {
        return (int) key;
    }

    /** The first {@code count} keys as a pair set: sorted, duplicates removed, in a new array. */
    public static long[] pairSet(long[] keys, int count) {
        long[] s = Arrays.copyOf(keys, count);
        Arrays.sort(s);
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (n == 0 || s[i] != s[n - 1]) {
                s[n++] = s[i];
            }
        }
        return n == s.length ? s : Arrays.copyOf(s, n);
    }

    /** A pair set from parallel index arrays (a[i], b[i]). */
    public static long[] pairSet(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("index arrays differ in length: " + a.length + ", " + b.length);
        }
        long[] keys = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            keys[i] = key(a[i], b[i]);
        }
        return pairSet(keys, keys.length);
    }

    /** Predicted pairs against true pairs, both pair sets ({@link #pairSet}). */
    public static Result compare(long[] predicted, long[] truth) {
        requireSet(predicted, "predicted");
        requireSet(truth, "truth");
        long common = 0;
        int i = 0;
        int j = 0;
        while (i < predicted.length && j < truth.length) {
            if (predicted[i] == truth[j]) {
                common++;
                i++;
                j++;
            } else if (predicted[i] < truth[j]) {
                i++;
            } else {
                j++;
            }
        }
        return new Result(common, predicted.length, truth.length);
    }

    /**
     * Predicted pairs against the pairs of a true clustering ("same component"): a predicted pair
     * is right when both documents have the same label. Nothing is materialized.
     */
    public static Result compare(long[] predicted, int[] truthLabels) {
        requireSet(predicted, "predicted");
        long common = 0;
        for (long k : predicted) {
            if (truthLabels[first(k)] == truthLabels[second(k)]) {
                common++;
            }
        }
        return new Result(common, predicted.length, pairCount(truthLabels));
    }

    /** Two clusterings of the same documents by pair counting (contingency table); nothing is materialized. */
    public static Result compare(int[] predictedLabels, int[] truthLabels) {
        if (predictedLabels.length != truthLabels.length) {
            throw new IllegalArgumentException("clusterings of different sizes: " + predictedLabels.length + ", "
                    + truthLabels.length);
        }
        Map<Long, int[]> cells = new HashMap<>();
        for (int i = 0; i < predictedLabels.length; i++) {
            long cell = ((long) predictedLabels[i] << 32) | (truthLabels[i] & 0xFFFFFFFFL);
            cells.computeIfAbsent(cell, c -> new int[1])[0]++;
        }
        long common = 0;
        for (int[] n : cells.values()) {
            common += choose2(n[0]);
        }
        return new Result(common, pairCount(predictedLabels), pairCount(truthLabels));
    }

    /** Σ n(n−1)/2 over the components of a labelling. */
    public static long pairCount(int[] labels) {
        long total = 0;
        for (int size : componentSizes(labels).values()) {
            total += choose2(size);
        }
        return total;
    }

    /** Component label → members. */
    public static Map<Integer, Integer> componentSizes(int[] labels) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int label : labels) {
            sizes.merge(label, 1, Integer::sum);
        }
        return sizes;
    }

    /** The connected components of a pair graph over {@code n} documents: each document's label is its component's smallest index. */
    public static int[] components(int n, long[] pairs) {
        UnionFind uf = new UnionFind(n);
        for (long k : pairs) {
            uf.union(first(k), second(k));
        }
        int[] smallest = new int[n];
        Arrays.fill(smallest, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int r = uf.find(i);
            smallest[r] = Math.min(smallest[r], i);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = smallest[uf.find(i)];
        }
        return labels;
    }

    /** Every pair of documents that share a label, as a pair set; fails past {@link #DEFAULT_EXPAND_LIMIT} pairs. */
    public static long[] expand(int[] labels) {
        return expand(labels, DEFAULT_EXPAND_LIMIT);
    }

    /** Every pair of documents that share a label, as a pair set; fails when there are more than {@code limit}. */
    public static long[] expand(int[] labels, long limit) {
        long count = pairCount(labels);
        if (count > limit || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the clustering has " + count + " pairs, over the limit of " + limit
                    + "; compare without materializing instead");
        }
        Map<Integer, int[]> members = new HashMap<>();
        Map<Integer, Integer> fill = new HashMap<>();
        componentSizes(labels).forEach((label, size) -> members.put(label, new int[size]));
        for (int i = 0; i < labels.length; i++) {
            int at = fill.merge(labels[i], 1, Integer::sum) - 1;
            members.get(labels[i])[at] = i;
        }
        long[] keys = new long[(int) count];
        int k = 0;
        for (int[] m : members.values()) {
            for (int x = 0; x < m.length; x++) {
                for (int y = x + 1; y < m.length; y++) {
                    keys[k++] = key(m[x], m[y]);
                }
            }
        }
        Arrays.sort(keys);
        return keys;
    }

    private static long choose2(long n) {
        return n * (n - 1) / 2;
    }

    private static void requireSet(long[] keys, String what) {
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] <= keys[i - 1]) {
                throw new IllegalArgumentException(what + " pairs are not a pair set (sorted, distinct) at " + i
                        + "; build them with PairMetrics.pairSet");
            }
        }
    }

    /** Dense indices for string document ids, in order of first appearance. Not thread-safe. */
    public static final class Ids {
        private final Map<String, Integer> index = new HashMap<>();
        private final java.util.List<String> names = new java.util.ArrayList<>();

        /** The index of an id, given a new one when unseen. */
        public int of(String id) {
            Integer i = index.get(id);
            if (i == null) {
                i = names.size();
                index.put(id, i);
                names.add(id);
            }
            return i;
        }

        /** The index of a known id, or −1. */
        public int find(String id) {
            Integer i = index.get(id);
            return i == null ? -1 : i;
        }

        public String name(int i) {
            return names.get(i);
        }

        public int size() {
            return names.size();
        }

        /** The key of the unordered pair of two ids (indexed when new). */
        public long key(String a, String b) {
            return PairMetrics.key(of(a), of(b));
        }
    }
}
