package dev.winnow.dedup.decontam;

/**
 * A Bloom filter whose bits for one key all lie in one 64-bit word, so a lookup is one memory
 * read. It sits in front of the exact n-gram table: nearly every n-gram of a training document is
 * not a task n-gram, and this answers "no" from a few MB that stay in cache, where the exact
 * table would cost a main-memory miss per word.
 */
final class BlockedBloomFilter {
    private static final int BITS_PER_KEY = 16;

    private final long[] words;
    private final int shift;

    BlockedBloomFilter(int expectedKeys) {
        long wanted = Math.max(64, (long) expectedKeys * BITS_PER_KEY / 64);
        int log2 = Math.min(30, 64 - Long.numberOfLeadingZeros(wanted - 1));
        words = new long[1 << log2];
        shift = 64 - log2;
    }

    void add(long key) {
        words[index(key)] |= mask(key);
    }

    boolean mightContain(long key) {
        long m = mask(key);
        return (words[index(key)] & m) == m;
    }

    long sizeBytes() {
        return words.length * 8L;
    }

    private int index(long key) {
        return (int) (key >>> shift);
    }

    /** Four bit positions from the key's low 24 bits (the index uses the high bits). */
    private static long mask(long key) {
        return 1L << (key & 63) | 1L << ((key >>> 6) & 63) | 1L << ((key >>> 12) & 63) | 1L << ((key >>> 18) & 63);
    }
}
