package dev.winnow.dedup;

import java.util.Arrays;

/** A growable list of primitive ints (the int twin of {@link LongList}). */
public final class IntList {
    private int[] values = new int[64];
    private int size;

    public void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public int get(int i) {
        return values[i];
    }

    public void clear() {
        size = 0;
    }

    public void set(int i, int v) {
        values[i] = v;
    }
}
