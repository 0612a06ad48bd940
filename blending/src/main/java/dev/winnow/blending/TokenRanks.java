package dev.winnow.blending;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A byte-level BPE vocabulary: token bytes to rank (the token id) and back. A lookup takes a range
 * of a byte array and turns it into a 64-bit key: a range of up to {@link #PACKED} bytes is its own
 * key (bytes and length packed), a longer one a hash of its bytes, confirmed against the token's
 * bytes. Keys sit with their ranks in one open-addressing table of {@code long} pairs, so a lookup
 * touches one cache line. Why not a {@code HashMap} of byte arrays (jtokkit's):
 * {@code Arrays.hashCode} of two or three bytes takes few distinct values, the map's bins degrade
 * to trees, and that search was a quarter of the blend stage's CPU (JFR). Immutable, thread-safe.
 */
final class TokenRanks {
    static final int ABSENT = -1;

    /** Ranges of at most this many bytes are their own key. */
    static final int PACKED = 7;
    /** The low byte of a hashed key: never a packed key's length (1..7), and never 0 (an empty slot). */
    private static final long HASHED = 0x80;

    private final byte[] pool;
    private final int[] start;
    /** Pairs (key, rank): key 0 is an empty slot. */
    private final long[] table;
    /** The ranks of every one- and two-byte range, indexed by its bytes: the BPE's first and commonest lookups. */
    private final int[] single = new int[256];
    private final int[] pair = new int[1 << 16];
    private final int mask;

    private TokenRanks(byte[][] tokens) {
        int total = 0;
        for (byte[] t : tokens) {
            total += t.length;
        }
        pool = new byte[total];
        start = new int[tokens.length + 1];
        for (int r = 0; r < tokens.length; r++) {
            System.arraycopy(tokens[r], 0, pool, start[r], tokens[r].length);
            start[r + 1] = start[r] + tokens[r].length;
        }
        Arrays.fill(single, ABSENT);
        Arrays.fill(pair, ABSENT);
        int slots = Integer.highestOneBit(Math.max(4, tokens.length) * 2) * 2;
        table = new long[2 * slots];
        mask = slots - 1;
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r].length == 0) {
                throw new IllegalArgumentException("token " + r + " is empty");
            }
            if (rank(pool, start[r], start[r + 1]) != ABSENT) {
                throw new IllegalArgumentException("token " + r + " repeats the bytes of an earlier one");
            }
            long key = key(pool, start[r], start[r + 1]);
            int i = (int) mix(key) & mask;
            while (table[2 * i] != 0) {
                i = (i + 1) & mask;
            }
            table[2 * i] = key;
            table[2 * i + 1] = r;
            if (tokens[r].length == 1) {
                single[tokens[r][0] & 0xFF] = r;
            } else if (tokens[r].length == 2) {
                pair[(tokens[r][0] & 0xFF) << 8 | (tokens[r][1] & 0xFF)] = r;
            }
        }
    }

    /**
     * The ranks of a tiktoken file ({@code base64-bytes rank} per line), whose ranks must be
     * 0, 1, 2, … in order: the rank is the token id.
     */
    static TokenRanks readTiktoken(InputStream in, String name) {
        Base64.Decoder base64 = Base64.getDecoder();
        byte[][] tokens = new byte[1024][];
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0 || !line.substring(space + 1).equals(Integer.toString(n))) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": expected '<base64> " + n + "', got '"
                            + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "'");
                }
                if (n == tokens.length) {
                    tokens = Arrays.copyOf(tokens, n * 2);
                }
                try {
                    tokens[n++] = base64.decode(line.substring(0, space));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vocabulary " + name, e);
        }
        return new TokenRanks(Arrays.copyOf(tokens, n));
    }

    int size() {
        return start.length - 1;
    }

    /** The rank of {@code bytes[from, to)}, or {@link #ABSENT}. */
    int rank(byte[] bytes, int from, int to) {
        switch (to - from) {
            case 2:
                return pair[(bytes[from] & 0xFF) << 8 | (bytes[from + 1] & 0xFF)];
            case 1:
                return single[bytes[from] & 0xFF];
            case 0:
                return ABSENT; // the empty range's packed key would be 0, the empty slot's
            default:
                break;
        }
        long key = key(bytes, from, to);
        for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
            long k = table[2 * i];
            if (k == key) {
                int r = (int) table[2 * i + 1];
                if (to - from <= PACKED || sameBytes(r, bytes, from, to)) {
                    return r;
                }
            } else if (k == 0) {
                return ABSENT;
            }
        }
    }

    private boolean sameBytes(int rank, byte[] bytes, int from, int to) {
        int at = start[rank];
        return start[rank + 1] - at == to - from && Arrays.equals(pool, at, at + to - from, bytes, from, to);
    }

    /** Appends the bytes of token {@code rank} to {@code out} at {@code at}; returns the new end. */
    int copyBytes(int rank, byte[] out, int at) {
        int n = start[rank + 1] - start[rank];
        System.arraycopy(pool, start[rank], out, at, n);
        return at + n;
    }

    int length(int rank) {
        return start[rank + 1] - start[rank];
    }

    /** Up to {@link #PACKED} bytes: the bytes then the length, exactly; longer: FNV-1a, marked. */
    private static long key(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length <= PACKED) {
            long k = 0;
            for (int i = from; i < to; i++) {
                k = (k << 8) | (bytes[i] & 0xFF);
            }
            return (k << 8) | length;
        }
        return (fnv1a(bytes, from, to) & ~0xFFL) | HASHED;
    }

    /** FNV-1a of {@code bytes[from, to)} (also {@link PieceCache}'s, with {@link #mix} after it). */
    static long fnv1a(byte[] bytes, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }

    /** Spreads a key over all 64 bits (MurmurHash3's fmix64), for the slot index. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
