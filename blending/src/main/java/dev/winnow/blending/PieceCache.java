package dev.winnow.blending;

import java.util.Arrays;

/**
 * The ids of recently merged pieces, by their bytes: a direct-mapped table, the newest piece
 * replacing whatever held its slot. Words that are not one token recur through a text and a
 * corpus, and their merge costs a dozen rank lookups or more; a hit costs a hash and one
 * comparison. Exact (the bytes are compared), so it never changes an id. One per thread.
 */
final class PieceCache {
    /** Longer pieces are rarer and cost the comparison more; they are merged every time. */
    static final int MAX_PIECE = 32;
    private static final int SLOTS = 1 << 12;

    private final long[] hashes = new long[SLOTS];
    private final byte[][] pieces = new byte[SLOTS][];
    private final int[][] ids = new int[SLOTS][];

    /** The ids of {@code piece[0, length)} if it is in the cache, else null. */
    int[] ids(byte[] piece, int length) {
        long h = hash(piece, length);
        int slot = (int) (h >>> 52);
        byte[] p = pieces[slot];
        return p != null && hashes[slot] == h && Arrays.equals(p, 0, p.length, piece, 0, length) ? ids[slot] : null;
    }

    void put(byte[] piece, int length, int[] pieceIds) {
        long h = hash(piece, length);
        int slot = (int) (h >>> 52);
        hashes[slot] = h;
        pieces[slot] = Arrays.copyOf(piece, length);
        ids[slot] = pieceIds;
    }

    private static long hash(byte[] piece, int length) {
        return TokenRanks.mix(TokenRanks.fnv1a(piece, 0, length));
    }
}
