package dev.winnow.jobs.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 validation without allocation, so only bad records pay for an error message. */
final class Utf8 {
    /** Eight bytes at a time, little-endian: the word tests here and in {@link JsonObjectScanner}. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /** Index of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
    static int firstInvalid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            // Web text is mostly ASCII: skip it eight bytes at a time (no byte with its high bit set).
            // This loop was a fifth of the ingest stage's CPU when it went byte by byte.
            while (i <= end - 8 && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == end) {
                break;
            }
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + n >= end) { // sequence cut off by the end
                return i;
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += n + 1;
        }
        return -1;
    }

    /**
     * Index of the first unpaired UTF-16 surrogate in {@code s}, or -1. Such a string is not Unicode
     * text (a JSON escape such as {@code \\ud800} can make one) and has no UTF-8 encoding: writing it
     * would silently turn the surrogate into '?'.
     */
    static int firstUnpairedSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} with every unpaired surrogate replaced by U+FFFD. */
    static String replaceUnpairedSurrogates(String s) {
        int first = firstUnpairedSurrogate(s);
        if (first < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Code points in valid UTF-8 bytes: the bytes that are not continuations (10xxxxxx), eight at
     * a time. Spark's {@code UTF8String.numChars} goes byte by byte through a table and was
     * nearly half of the ingest stage's samples.
     */
    static int codePoints(byte[] b, int off, int len) {
        int continuations = 0;
        int i = off;
        int end = off + len;
        for (; i <= end - 8; i += 8) {
            long v = (long) LONGS.get(b, i);
            continuations += Long.bitCount(v & ~(v << 1) & HIGH_BITS);
        }
        for (; i < end; i++) {
            if ((b[i] & 0xC0) == 0x80) {
                continuations++;
            }
        }
        return len - continuations;
    }

    /** Index of the first NUL byte in the range, or -1; eight bytes at a time. */
    static int indexOfNul(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i <= end - 8; i += 8) {
            long zeros = zeroBytes((long) LONGS.get(b, i));
            if (zeros != 0) {
                return i + Long.numberOfTrailingZeros(zeros) / 8;
            }
        }
        for (; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** NUL bytes in the range, eight at a time. */
    static int countNul(byte[] b, int off, int len) {
        int n = 0;
        int i = off;
        int end = off + len;
        for (; i <= end - 8; i += 8) {
            n += Long.bitCount(zeroBytes((long) LONGS.get(b, i)));
        }
        for (; i < end; i++) {
            if (b[i] == 0) {
                n++;
            }
        }
        return n;
    }

    /** The high bit set in exactly the bytes of v that are zero (no borrow between bytes). */
    private static long zeroBytes(long v) {
        long low7 = 0x7F7F_7F7F_7F7F_7F7FL;
        return ~(((v & low7) + low7) | v | low7);
    }

    /** UTF-16 chars in valid UTF-8 bytes: one per sequence, two for a four-byte one. */
    static int utf16Length(byte[] b, int off, int len) {
        int chars = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                chars += c >= 0xF0 ? 2 : 1;
            }
        }
        return chars;
    }

    /** Decodes, replacing malformed input with U+FFFD (Java's default decoder behaviour). */
    static String decodeLenient(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }
}
