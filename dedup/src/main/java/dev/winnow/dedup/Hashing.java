package dev.winnow.dedup;

/**
 * The 64-bit hash functions of dedup: a finalizer that spreads every input bit over the output
 * (Stafford's variant 13 of MurmurHash3's fmix64) and a char-sequence hash built on it. Fixed
 * forever: stored signatures and band keys depend on them.
 */
public final class Hashing {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private Hashing() {
    }

    /** A bijective 64-bit mix: close inputs give unrelated outputs. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Hash of {@code chars[from, from + length)}, lower-cased code point by code point when
     * {@code lower} (a surrogate pair is one letter: Deseret, Osage, Adlam... have case too).
     */
    public static long chars(char[] chars, int from, int length, boolean lower) {
        long h = GOLDEN ^ length;
        int end = from + length;
        for (int i = from; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                // ASCII, most of the text: Character.toLowerCase's answer without its table lookups.
                if (lower && c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
            } else if (lower && Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toLowerCase(Character.toCodePoint(c, chars[++i]));
                h = (h ^ Character.highSurrogate(cp)) * FNV_PRIME;
                c = Character.lowSurrogate(cp);
            } else if (lower) {
                c = Character.toLowerCase(c);
            }
            h = (h ^ c) * FNV_PRIME;
        }
        return mix(h);
    }

    /** Order-dependent combination of {@code values[from, from + count)}, seeded. */
    public static long combine(long seed, long[] values, int from, int count) {
        long h = mix(seed + GOLDEN);
        for (int i = from; i < from + count; i++) {
            h = Long.rotateLeft((h ^ values[i]) * GOLDEN, 23);
        }
        return mix(h ^ count);
    }
}
