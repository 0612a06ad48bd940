package dev.winnow.dedup;

import java.util.Arrays;

/** A growable list of primitive longs, reused across documents to avoid boxing and garbage. */
public final class LongList {
    private long[] values = new long[256];
    private int size;

    public void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    /** Appends {@code src[from, from + count)}. */
    public void addAll(long[] src, int from, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
        }
        System.arraycopy(src, from, values, size, count);
        size += count;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        return values[i];
    }

    public long[] array() {
        return values;
    }

    public void clear() {
        size = 0;
    }

    /** The values sorted, duplicates removed, as a new array. */
    public long[] sortedDistinct() {
        Arrays.sort(values, 0, size);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (n == 0 || values[i] != values[n - 1]) {
                values[n++] = values[i];
            }
        }
        return Arrays.copyOf(values, n);
    }

    /** A copy of the values, in order. */
    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
