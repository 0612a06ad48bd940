package dev.winnow.quality.fasttext;

import java.util.Arrays;

/** A growable list of ints (input rows, labels) without boxing. */
public final class IntList {
    private static final int LARGEST_KEPT = 1 << 16;

    private int[] values = new int[64];
    private int size;

    public void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /**
     * Empty, for reuse from line to line; a list a huge line grew is let go rather than held for
     * as long as its owner lives.
     */
    public void reset() {
        size = 0;
        if (values.length > LARGEST_KEPT) {
            values = new int[64];
        }
    }


    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
