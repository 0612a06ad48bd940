package dev.winnow.dedup;

import java.util.Arrays;

/** A growable list of primitive longs, reused across documents to avoid boxing and garbage. */
public final class LongList {
    private long[] values = new long[256];
    private int size;
    private HashSort sorter;

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

    /**
     * The values sorted, duplicates removed, as a new array (the list's order is lost). Linear in
     * expected time for hashes ({@link HashSort}); n log n at worst for any values.
     */
    public long[] sortedDistinct() {
        if (sorter == null) {
            sorter = new HashSort();
        }
        return sorter.sortedDistinct(values, size);
    }

    /** A copy of the values, in order. */
    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
