package dev.winnow.dedup;

import java.util.Arrays;

/**
 * Sorts 64-bit hashes (ascending as signed longs, as {@link Arrays#sort(long[])} does) and drops
 * duplicates, in expected linear time: hashes are uniform, so one pass deals them into about one
 * bucket per value by their top bits, and each bucket, a value or two on average, is sorted by
 * insertion. Shingle sets were sorted by {@code Arrays.sort}, which took about a quarter of a
 * document's shingling. A bucket that is not small (repeated text repeats its shingles, and
 * equal values share a bucket) falls back to {@code Arrays.sort}, so the worst case stays
 * n log n. Not thread-safe: it reuses its buffers.
 */
public final class HashSort {
    /** Larger buckets are sorted by Arrays.sort instead of insertion. */
    private static final int INSERTION_MAX = 16;
    /** Below this many values Arrays.sort (insertion sort itself, there) is as fast. */
    private static final int SMALL = 64;
    private static final int MAX_BITS = 24;

    private int[] starts = new int[0];
    private long[] out = new long[0];

    /** {@code values[0, n)} sorted ascending, duplicates removed, as a new array ({@code values} is reordered). */
    public long[] sortedDistinct(long[] values, int n) {
        if (n < SMALL) {
            Arrays.sort(values, 0, n);
            return distinct(values, n);
        }
        // 2^bits >= n, about one value per bucket, up to 16M buckets.
        int bits = Math.min(MAX_BITS, 64 - Long.numberOfLeadingZeros(n - 1));
        int buckets = 1 << bits;
        if (starts.length < buckets + 1) {
            starts = new int[buckets + 1];
        } else {
            Arrays.fill(starts, 0, buckets + 1, 0);
        }
        if (out.length < n) {
            out = new long[n];
        }
        int shift = 64 - bits;
        for (int i = 0; i < n; i++) {
            starts[bucket(values[i], shift) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            starts[b + 1] += starts[b];
        }
        // Deal the values into their buckets; starts[b] ends as the end of bucket b, the start of b + 1.
        for (int i = 0; i < n; i++) {
            out[starts[bucket(values[i], shift)]++] = values[i];
        }
        int from = 0;
        for (int b = 0; b < buckets; b++) {
            int to = starts[b];
            if (to - from > INSERTION_MAX) {
                Arrays.sort(out, from, to);
            } else {
                insertionSort(out, from, to);
            }
            from = to;
        }
        System.arraycopy(out, 0, values, 0, n);
        return distinct(values, n);
    }

    /** The bucket of a hash: its top bits, with the sign flipped so that bucket order is signed order. */
    private static int bucket(long v, int shift) {
        return (int) ((v ^ Long.MIN_VALUE) >>> shift);
    }

    private static void insertionSort(long[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long x = a[i];
            int j = i - 1;
            while (j >= from && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    /** The distinct values of sorted {@code a[0, n)}, as a new array. */
    private static long[] distinct(long[] a, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || a[i] != a[k - 1]) {
                a[k++] = a[i];
            }
        }
        return Arrays.copyOf(a, k);
    }
}
