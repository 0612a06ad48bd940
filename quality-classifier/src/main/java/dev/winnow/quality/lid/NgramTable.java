package dev.winnow.quality.lid;

/**
 * Open-addressing hash table from n-gram key to its postings. One {@code long} per slot: the high
 * half is a fingerprint of the key (its high 32 bits; the slot comes from the low 32), the low
 * half is either the key's only posting (most high-order n-grams belong to one language) or the
 * start and length of its run in the shared postings array, or the index of a dense vector
 * (n-grams common to many languages: adding a whole vector is cheaper than scattering postings). So a lookup costs one cache miss,
 * two at most, and {@link #slotEntry} lets the caller issue many lookups before using any.
 */
final class NgramTable {
    private static final int COUNT_BITS = 7;
    private static final int MAX_START = (1 << (32 - COUNT_BITS)) - 1;
    /** The run-length value that marks a dense vector (more languages than any sparse run has). */
    static final int DENSE = (1 << COUNT_BITS) - 1;
    private static final long INLINE = 1L << 32;
    private static final long TAG_MASK = 0xFFFFFFFCL; // fingerprint bits of the high half
    private static final long PRESENT = 2L << 32; // set in every filled slot, so a filled slot is never 0

    private final long[] slots;
    private final long capacity;

    /**
     * The table of keys {@code [from, to)}; runs of two or more postings are copied into
     * {@code runs}, single postings are kept in the slot.
     */
    NgramTable(long[] keys, int from, int to, int[] postingStarts, int[] postings, PostingRuns runs,
            DenseVectors dense) {
        this.capacity = Math.max(8, (long) ((to - from) / 0.7) + 1);
        this.slots = new long[(int) capacity];
        for (int k = from; k < to; k++) {
            int start = postingStarts[k];
            int count = postingStarts[k + 1] - start;
            long payload;
            if (count == 1) {
                payload = INLINE | (postings[start] & 0xFFFFFFFFL);
            } else if (count >= dense.minPostings() && dense.size() <= MAX_START) {
                payload = ((long) dense.append(postings, start, count) << COUNT_BITS) | DENSE;
            } else if (count < DENSE && runs.size() + count <= MAX_START) {
                payload = ((long) runs.append(postings, start, count) << COUNT_BITS) | count;
            } else {
                throw new IllegalArgumentException("model too large for the table layout: key " + k);
            }
            int slot = slotOf(keys[k]);
            while (slots[slot] != 0) {
                if (matches(slots[slot], keys[k])) {
                    throw new IllegalArgumentException("two model keys share slot and fingerprint: key " + k);
                }
                slot = next(slot);
            }
            slots[slot] = tag(keys[k]) | payload;
        }
    }

    private static long tag(long key) {
        return ((key >>> 32) & TAG_MASK) << 32 | PRESENT;
    }

    int slotOf(long key) {
        return (int) (((key & 0xFFFFFFFFL) * capacity) >>> 32);
    }

    private int next(int slot) {
        return slot + 1 == capacity ? 0 : slot + 1;
    }

    /** The slot a key would be found in first; may hold another key (see {@link #resolve}). */
    long slotEntry(long key) {
        return slots[slotOf(key)];
    }

    static boolean matches(long entry, long key) {
        return (entry & 0xFFFFFFFE00000000L) == tag(key);
    }

    /** The entry for the key, 0 when absent (one lookup; {@link NgramScorer} batches its own). */
    long entry(long key) {
        return resolve(key, slotEntry(key));
    }

    /** The entry for the key, probing past its first slot; 0 when absent. */
    long resolve(long key, long firstEntry) {
        long entry = firstEntry;
        int slot = slotOf(key);
        while (entry != 0) {
            if (matches(entry, key)) {
                return entry;
            }
            slot = next(slot);
            entry = slots[slot];
        }
        return 0;
    }

    static boolean isInline(long entry) {
        return (entry & INLINE) != 0;
    }

    /** The posting of an inline entry. */
    static int inlinePosting(long entry) {
        return (int) entry;
    }

    static int runStart(long entry) {
        return (int) ((entry & 0xFFFFFFFFL) >>> COUNT_BITS);
    }

    /** The entry with its run start (or dense vector index) moved; its tag and count kept. */
    static long withRunStart(long entry, int start) {
        if (start < 0 || start > MAX_START) {
            throw new IllegalArgumentException("run start out of the table layout's range: " + start);
        }
        return (entry & ~0xFFFFFFFFL) | ((long) start << COUNT_BITS) | runCount(entry);
    }

    static int runCount(long entry) {
        return (int) (entry & ((1 << COUNT_BITS) - 1));
    }

    long memoryBytes() {
        return slots.length * 8L;
    }

    /** The postings of keys with more than one, concatenated; shared by the tables of all orders. */
    static final class PostingRuns {
        private int[] data = new int[1 << 16];
        private int size;

        int append(int[] from, int start, int count) {
            if (size + count > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(size + count, data.length * 2));
            }
            System.arraycopy(from, start, data, size, count);
            size += count;
            return size - count;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    /** Score vectors over all languages, for n-grams with many postings; shared by all orders. */
    static final class DenseVectors {
        private final int languages;
        private final int minPostings;
        private int[] data;
        private int size;

        DenseVectors(int languages, int minPostings) {
            this.languages = languages;
            this.minPostings = minPostings;
            this.data = new int[languages * 1024];
        }

        int minPostings() {
            return minPostings;
        }

        int size() {
            return size;
        }

        int append(int[] postings, int start, int count) {
            if ((size + 1) * languages > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            int base = size * languages;
            for (int i = start; i < start + count; i++) {
                int score = ModelFile.score(postings[i]);
                data[base + ModelFile.language(postings[i])] =
                        score;
            }
            return size++;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size * languages);
        }
    }
}
