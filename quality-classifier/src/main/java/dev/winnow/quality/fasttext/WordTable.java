package dev.winnow.quality.fasttext;

/**
 * The dictionary's lookup of a token, a slice of a line, by its fastText hash: open addressing
 * with one {@code long} per slot (the hash beside the place of the entry's record), and every
 * entry's record packed into one {@code char} array (id, length, characters).
 *
 * <p>A found token costs two memory reads, the slot and the record. With a {@code String} per
 * entry it cost five (slot, hash, reference, the string, its bytes), and with a vocabulary of
 * hundreds of thousands of words most of them were cache misses: the lookup was up to 40% of
 * scoring.
 */
final class WordTable {
    private static final int HEADER_CHARS = 4; // id and length, two chars each

    /** {@code (hash << 32) | (record + 1)}; 0 is an empty slot. */
    private final long[] slots;
    private final int slotMask;
    private final char[] records;

    /**
     * A table of {@code entries} (hashes given); where two entries are equal the first wins, as in
     * fastText's {@code find}.
     */
    WordTable(String[] entries, int[] hashes) {
        long chars = 0;
        for (String e : entries) {
            chars += HEADER_CHARS + e.length();
        }
        if (chars > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("fastText dictionary too large to index: " + entries.length
                    + " entries of " + chars + " chars in all (at most " + (Integer.MAX_VALUE - 16) + ")");
        }
        records = new char[(int) chars];
        slots = new long[Integer.highestOneBit(Math.max(8, entries.length * 2)) << 1];
        slotMask = slots.length - 1;
        int record = 0;
        for (int id = 0; id < entries.length; id++) {
            String e = entries[id];
            if (find(e, 0, e.length(), hashes[id]) >= 0) {
                continue; // a duplicate: the first keeps the slot
            }
            records[record] = (char) (id >>> 16);
            records[record + 1] = (char) id;
            records[record + 2] = (char) (e.length() >>> 16);
            records[record + 3] = (char) e.length();
            e.getChars(0, e.length(), records, record + HEADER_CHARS);
            int slot = hashes[id] & slotMask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot] = (long) hashes[id] << 32 | (record + 1);
            record += HEADER_CHARS + e.length();
        }
    }

    /** Id of the token {@code text[from, to)} whose hash is {@code h}, or −1. */
    int find(String text, int from, int to, int h) {
        int length = to - from;
        for (int slot = h & slotMask; ; slot = (slot + 1) & slotMask) {
            long s = slots[slot];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == h) {
                int record = (int) s - 1;
                if (lengthAt(record) == length && matches(text, from, record + HEADER_CHARS, length)) {
                    return records[record] << 16 | records[record + 1];
                }
            }
        }
    }

    /**
     * Reads the first slot of each hash in {@code tokens} ({@code start, end, hash} triples) and,
     * where its hash is the token's, the record's first char: bare loads whose misses are all in
     * flight at once, so that the lookups after them find slots and records in cache.
     */
    void readAhead(IntList tokens) {
        long bits = 0;
        for (int k = 2; k < tokens.size(); k += 3) {
            int h = tokens.get(k);
            long s = slots[h & slotMask];
            bits += s;
            if (s != 0 && (int) (s >>> 32) == h) {
                bits += records[(int) s - 1];
            }
        }
        // A store every line: storing only when the sum is 1 (almost never) also kept the loads
        // but scored 7% slower on one thread (docs/benchmarks.md).
        ReadAhead.keep(bits);
    }

    private int lengthAt(int record) {
        return records[record + 2] << 16 | records[record + 3];
    }

    private boolean matches(String text, int from, int at, int length) {
        for (int k = 0; k < length; k++) {
            if (text.charAt(from + k) != records[at + k]) {
                return false;
            }
        }
        return true;
    }
}
