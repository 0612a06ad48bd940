package dev.winnow.blending;

import java.util.Arrays;

/** A growable list of token ids, reused from text to text by one thread. */
final class IdBuffer {
    private int[] ids = new int[256];
    private int size;

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    void addAll(int[] more) {
        if (size + more.length > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(size * 2, size + more.length));
        }
        System.arraycopy(more, 0, ids, size, more.length);
        size += more.length;
    }

    int size() {
        return size;
    }

    /** The ids from {@code from} to the end. */
    int[] tail(int from) {
        return Arrays.copyOfRange(ids, from, size);
    }

    /** Empties the list; a list grown past {@link BytePairMerge#KEPT_ENTRIES} by a huge text is let go. */
    void clear() {
        size = 0;
        if (ids.length > BytePairMerge.KEPT_ENTRIES) {
            ids = new int[256];
        }
    }

    int capacity() {
        return ids.length;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, size);
    }
}
