package dev.winnow.dedup.decontam;

/**
 * A long → int map with open addressing and linear probing, for well-mixed keys (hashes): no
 * boxing, two flat arrays, one probe sequence per lookup. Absent keys read as {@link #MISSING}.
 */
final class LongIntMap {
    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    int get(long key) {
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            if (!used[slot]) {
                return MISSING;
            }
            if (keys[slot] == key) {
                return values[slot];
            }
        }
    }

    /** Sets the value of {@code key}; returns the previous one or {@link #MISSING}. */
    int put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            if (!used[slot]) {
                used[slot] = true;
                keys[slot] = key;
                values[slot] = value;
                size++;
                return MISSING;
            }
            if (keys[slot] == key) {
                int old = values[slot];
                values[slot] = value;
                return old;
            }
        }
    }

    private int slot(long key) {
        // The keys are mixed hashes: their top bits are as good as any.
        return (int) (key >>> 40) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "LongIntMap[" + size + " of " + keys.length + "]";
    }
}
