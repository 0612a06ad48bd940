package dev.winnow.dedup;

import java.util.Arrays;

/** A growable list of primitive ints (the int twin of {@link LongList}). */
final class IntList {
    private int[] values = new int[64];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return values[i];
    }

    void clear() {
        size = 0;
    }
}
