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

    BlockedBloomFilter(int expectedKeys) {
        // Any size, not a power of two: 2.3M task n-grams take 4.6 MB, not 8.
        words = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, (long) expectedKeys * BITS_PER_KEY / 64))];
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

    /** The key's high 32 bits scaled to the word count (Lemire's multiply-shift range reduction). */
    private int index(long key) {
        return (int) (((key >>> 32) * words.length) >>> 32);
    }

    /** Four bit positions from the key's low 24 bits (the index uses the high bits). */
    private static long mask(long key) {
        return 1L << (key & 63) | 1L << ((key >>> 6) & 63) | 1L << ((key >>> 12) & 63) | 1L << ((key >>> 18) & 63);
    }
}
