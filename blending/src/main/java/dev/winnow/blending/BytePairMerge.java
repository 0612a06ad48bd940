package dev.winnow.blending;

import java.util.Arrays;

/**
 * The BPE merge of one pre-tokenized piece, as tiktoken does it: start from single bytes and
 * repeatedly merge the adjacent pair whose concatenation has the lowest rank (the leftmost of
 * equal ranks), until no adjacent pair is a token. Short pieces scan an array of pair ranks
 * (quadratic, but a piece is a word or so); pieces of {@link #LONG_PIECE} bytes or more (runs of
 * symbols, long unbroken strings) keep the pairs in a heap, so a hostile 1 MB "word" costs
 * n log n, not n². Pieces of several tokens recur (words), so the last ids of short ones are
 * kept in a {@link PieceCache}. Not thread-safe: one per thread, its buffers reused from piece to piece.
 */
final class BytePairMerge {
    static final int LONG_PIECE = 128;
    /**
     * Buffers grown past this many entries by one huge piece are let go after it: a merge lives as
     * long as its thread (an executor's task thread), and one 10 MB "word" would otherwise pin
     * some 200 MB of arrays there.
     */
    static final int KEPT_ENTRIES = 1 << 16;
    private static final int NONE = Integer.MAX_VALUE;

    private final TokenRanks ranks;
    private final PieceCache cache = new PieceCache();
    private int[] position = new int[64];
    private int[] pairRank = new int[64];
    private int[] partId = new int[64];
    private int[] next = new int[0];
    private int[] previous = new int[0];
    private long[] heap = new long[0];

    BytePairMerge(TokenRanks ranks) {
        this.ranks = ranks;
    }

    /** Appends the ids of {@code piece[0, length)} to {@code out}. */
    void encode(byte[] piece, int length, IdBuffer out) {
        if (length == 0) {
            return;
        }
        int whole = ranks.rank(piece, 0, length);
        if (whole != TokenRanks.ABSENT) {
            out.add(whole);
        } else if (length <= PieceCache.MAX_PIECE) {
            int[] cached = cache.ids(piece, length);
            if (cached != null) {
                out.addAll(cached);
            } else {
                int from = out.size();
                mergeShort(piece, length, out);
                cache.put(piece, length, out.tail(from));
            }
        } else if (length < LONG_PIECE) {
            mergeShort(piece, length, out);
        } else {
            mergeLong(piece, length, out);
            if (length > KEPT_ENTRIES) {
                next = new int[0];
                previous = new int[0];
                heap = new long[0];
                pairRank = new int[64];
            }
        }
    }

    /** Entries held in the merge's buffers now (for the tests of what a huge piece leaves behind). */
    long retainedEntries() {
        return (long) position.length + pairRank.length + partId.length + next.length + previous.length + heap.length;
    }

    void mergeShort(byte[] piece, int length, IdBuffer out) {
        if (position.length < length + 1) {
            position = new int[length + 1];
        }
        if (pairRank.length < length + 1) {
            pairRank = new int[length + 1];
        }
        if (partId.length < length + 1) {
            partId = new int[length + 1];
        }
        int[] pos = position;
        int[] rank = pairRank;
        int[] id = partId; // the token of part i: a byte's, then the rank of the pair merged into it
        int parts = length + 1; // boundaries 0..length; part i is [pos[i], pos[i + 1])
        for (int i = 0; i < parts; i++) {
            pos[i] = i;
            id[i] = i < length ? ranks.rank(piece, i, i + 1) : NONE;
        }
        for (int i = 0; i < parts; i++) {
            rank[i] = i + 2 < parts ? rankOf(piece, i, i + 2) : NONE;
        }
        while (true) {
            int best = NONE;
            int at = -1;
            for (int i = 0; i < parts - 2; i++) {
                if (rank[i] < best) {
                    best = rank[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            // Merge parts at and at + 1: boundary at + 1 goes; the pairs starting at at - 1 and at change.
            System.arraycopy(pos, at + 2, pos, at + 1, parts - at - 2);
            System.arraycopy(rank, at + 2, rank, at + 1, parts - at - 2);
            System.arraycopy(id, at + 2, id, at + 1, parts - at - 2);
            id[at] = best;
            parts--;
            rank[at] = at + 2 < parts ? rankOf(piece, pos[at], pos[at + 2]) : NONE;
            if (at > 0) {
                rank[at - 1] = rankOf(piece, pos[at - 1], pos[at + 1]);
            }
        }
        for (int i = 0; i + 1 < parts; i++) {
            out.add(id[i]);
        }
    }

    void mergeLong(byte[] piece, int length, IdBuffer out) {
        if (next.length < length + 1) {
            next = new int[length + 1];
            previous = new int[length + 1];
        }
        if (pairRank.length < length + 1) {
            pairRank = new int[length + 1];
        }
        // A linked list of part starts (a part starts at i and ends where the next one starts;
        // length closes the last), and a heap of (rank, start) for every adjacent pair: the
        // least key is the lowest rank, leftmost first, as in the short path.
        int[] rank = pairRank;
        int heapSize = 0;
        if (heap.length < length) {
            heap = new long[length];
        }
        for (int i = 0; i <= length; i++) {
            next[i] = i + 1;
            previous[i] = i - 1;
        }
        for (int i = 0; i + 1 < length; i++) {
            rank[i] = rankOf(piece, i, i + 2);
            if (rank[i] != NONE) {
                heapSize = push(heapSize, rank[i], i);
            }
        }
        rank[length - 1] = NONE;
        while (heapSize > 0) {
            long top = heap[0];
            heapSize = pop(heapSize);
            int r = (int) (top >>> 32);
            int at = (int) top;
            if (rank[at] != r) {
                continue; // stale: this pair was merged away or re-ranked
            }
            int gone = next[at];
            int after = next[gone];
            next[at] = after;
            if (after <= length) {
                previous[after] = at;
            }
            rank[gone] = NONE;
            rank[at] = after < length ? rankOf(piece, at, next[after]) : NONE;
            if (rank[at] != NONE) {
                heapSize = push(heapSize, rank[at], at);
            }
            int before = previous[at];
            if (before >= 0) {
                rank[before] = rankOf(piece, before, after);
                if (rank[before] != NONE) {
                    heapSize = push(heapSize, rank[before], before);
                }
            }
        }
        for (int i = 0; i < length; i = next[i]) {
            out.add(ranks.rank(piece, i, next[i]));
        }
    }

    private int rankOf(byte[] piece, int from, int to) {
        int r = ranks.rank(piece, from, to);
        return r == TokenRanks.ABSENT ? NONE : r;
    }

    private int push(int size, int rank, int at) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2 + 16);
        }
        long key = ((long) rank << 32) | at;
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= key) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = key;
        return size + 1;
    }

    private int pop(int size) {
        long last = heap[--size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= last) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return size;
    }
}
