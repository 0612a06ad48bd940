package dev.winnow.dedup;

import java.util.Arrays;

/**
 * Each set's prefix in the global token order of prefix filtering: ascending document frequency,
 * ties by value. Tokens of one set only ("singletons") come first in that order and can never be
 * shared, so they are counted, not kept; the rest get ranks (0 = rarest) and each set keeps the
 * ranks of the shared tokens of its prefix.
 *
 * <p>Memory-lean: tokens are counted in value ranges (sets are sorted, so each set's tokens of a
 * range are one run), so no copy of all tokens is ever held; shingle hashes are uniform, so the
 * ranges are about equally full.
 */
final class TokenPrefixes {
    /** Tokens per value range, for the counting buffer and the per-range rank table. */
    static final int RANGE_TOKENS = 1 << 18;

    /** Per set: how many of its tokens occur in no other set. */
    final int[] singletons;
    /** Per set: the ranks of the shared tokens within its first {@code prefixLength} tokens, ascending. */
    final int[][] sharedPrefix;
    /** The number of distinct tokens in two or more sets. */
    final int sharedTokens;

    /** {@code prefixLength[d]} is how many of set {@code d}'s first tokens (in the global order) to keep. */
    TokenPrefixes(long[][] sets, int[] prefixLength, int rangeTokens) {
        long total = 0;
        for (long[] s : sets) {
            total += s.length;
        }
        int bits = 0;
        while (bits < 12 && (total >> bits) > rangeTokens) {
            bits++;
        }
        int ranges = 1 << bits;

        // Pass 1: document frequency of every token, keeping only the shared ones (sorted by value).
        LongList sharedValues = new LongList();
        IntList sharedCounts = new IntList();
        int[] rangeStart = new int[ranges + 1];
        int[] cursor = new int[sets.length];
        LongList buffer = new LongList();
        for (int r = 0; r < ranges; r++) {
            rangeStart[r] = sharedValues.size();
            buffer.clear();
            for (int d = 0; d < sets.length; d++) {
                long[] s = sets[d];
                int from = cursor[d];
                int c = from;
                while (c < s.length && range(s[c], bits) == r) {
                    c++;
                }
                buffer.addAll(s, from, c - from);
                cursor[d] = c;
            }
            long[] v = buffer.array();
            int n = buffer.size();
            Arrays.sort(v, 0, n);
            for (int i = 0; i < n; ) {
                int j = i + 1;
                while (j < n && v[j] == v[i]) {
                    j++;
                }
                if (j - i > 1) {
                    sharedValues.add(v[i]);
                    sharedCounts.add(j - i);
                }
                i = j;
            }
        }
        rangeStart[ranges] = sharedValues.size();
        sharedTokens = sharedValues.size();

        // Ranks by (frequency, value): the shared list is in value order, so the index breaks ties.
        long[] byFrequency = new long[sharedTokens];
        for (int i = 0; i < sharedTokens; i++) {
            byFrequency[i] = ((long) sharedCounts.get(i) << 32) | i;
        }
        Arrays.sort(byFrequency);
        int[] rank = new int[sharedTokens];
        for (int k = 0; k < sharedTokens; k++) {
            rank[(int) byFrequency[k]] = k;
        }
        byFrequency = null;

        // Pass 2: per set, count singletons and keep the prefixLength smallest shared ranks (max-heap).
        singletons = new int[sets.length];
        int[][] heaps = new int[sets.length][];
        int[] heapSize = new int[sets.length];
        for (int d = 0; d < sets.length; d++) {
            heaps[d] = new int[Math.min(prefixLength[d], sets[d].length)];
        }
        Arrays.fill(cursor, 0);
        int widest = 0;
        for (int r = 0; r < ranges; r++) {
            widest = Math.max(widest, rangeStart[r + 1] - rangeStart[r]);
        }
        int capacity = Integer.highestOneBit(Math.max(8, widest) * 2) * 2;
        long[] keys = new long[capacity];
        int[] slots = new int[capacity]; // rank + 1; 0 = empty
        long[] values = sharedValues.array();
        for (int r = 0; r < ranges; r++) {
            int mask = Integer.highestOneBit(Math.max(8, rangeStart[r + 1] - rangeStart[r]) * 2) * 2 - 1;
            Arrays.fill(slots, 0, mask + 1, 0);
            for (int i = rangeStart[r]; i < rangeStart[r + 1]; i++) {
                int h = (int) Hashing.mix(values[i]) & mask;
                while (slots[h] != 0) {
                    h = (h + 1) & mask;
                }
                keys[h] = values[i];
                slots[h] = rank[i] + 1;
            }
            for (int d = 0; d < sets.length; d++) {
                long[] s = sets[d];
                int c = cursor[d];
                for (; c < s.length && range(s[c], bits) == r; c++) {
                    int h = (int) Hashing.mix(s[c]) & mask;
                    while (slots[h] != 0 && keys[h] != s[c]) {
                        h = (h + 1) & mask;
                    }
                    if (slots[h] == 0) {
                        singletons[d]++;
                    } else {
                        heapSize[d] = offer(heaps[d], heapSize[d], slots[h] - 1);
                    }
                }
                cursor[d] = c;
            }
        }

        // The prefix's shared part: after its singletons, the rarest shared tokens.
        sharedPrefix = new int[sets.length][];
        for (int d = 0; d < sets.length; d++) {
            int keep = Math.max(0, Math.min(prefixLength[d], sets[d].length) - singletons[d]);
            int[] h = heaps[d];
            Arrays.sort(h, 0, heapSize[d]);
            sharedPrefix[d] = keep == h.length ? h : Arrays.copyOf(h, keep);
            heaps[d] = null;
        }
    }

    /** The value range of a token: its top bits in unsigned order, which is the sets' signed order. */
    private static int range(long v, int bits) {
        return bits == 0 ? 0 : (int) ((v ^ Long.MIN_VALUE) >>> (64 - bits));
    }

    /** Adds {@code v} to a bounded max-heap of the smallest values seen; returns the new size. */
    private static int offer(int[] heap, int size, int v) {
        if (size < heap.length) {
            int i = size++;
            while (i > 0 && heap[(i - 1) >> 1] < v) {
                heap[i] = heap[(i - 1) >> 1];
                i = (i - 1) >> 1;
            }
            heap[i] = v;
        } else if (size > 0 && v < heap[0]) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] > heap[child]) {
                    child++;
                }
                if (heap[child] <= v) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = v;
        }
        return size;
    }
}
