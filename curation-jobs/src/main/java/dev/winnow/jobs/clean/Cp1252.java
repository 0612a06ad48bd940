package dev.winnow.jobs.clean;

/**
 * The byte a character stands for when UTF-8 bytes were mis-decoded as Windows-1252, falling back
 * to ISO-8859-1 for the five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 *
 * <p>Why combined: real mojibake mixes both decoders. Text decoded as cp1252 shows "€" for 0x80,
 * text decoded as Latin-1 shows U+0080, and cp1252 decoders that fall back to Latin-1 produce
 * C1 controls only for the undefined slots. Mapping every one of those spellings back to its byte
 * lets one repair pass handle all of them.
 */
final class Cp1252 {

    /** cp1252's characters for bytes 0x80..0x9F; undefined slots hold the Latin-1 C1 control. */
    private static final char[] HIGH = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    };

    private Cp1252() {}

    /** The character a cp1252-with-Latin-1-fallback decoder yields for byte {@code b}. */
    static char charOf(int b) {
        int u = b & 0xFF;
        return u >= 0x80 && u <= 0x9F ? HIGH[u - 0x80] : (char) u;
    }

    /**
     * The byte 0x80..0xFF that {@code c} decodes from, or -1. ASCII maps to -1 on purpose: an ASCII
     * byte can never be part of a multi-byte UTF-8 sequence, so it always ends a candidate.
     */
    static int byteOf(char c) {
        if (c < 0x80) {
            return -1;
        }
        if (c <= 0xFF) {
            return c; // Latin-1 letters and symbols, and C1 controls from a Latin-1 decode
        }
        switch (c) {
            case '\u20AC': return 0x80;
            case '\u201A': return 0x82;
            case '\u0192': return 0x83;
            case '\u201E': return 0x84;
            case '\u2026': return 0x85;
            case '\u2020': return 0x86;
            case '\u2021': return 0x87;
            case '\u02C6': return 0x88;
            case '\u2030': return 0x89;
            case '\u0160': return 0x8A;
            case '\u2039': return 0x8B;
            case '\u0152': return 0x8C;
            case '\u017D': return 0x8E;
            case '\u2018': return 0x91;
            case '\u2019': return 0x92;
            case '\u201C': return 0x93;
            case '\u201D': return 0x94;
            case '\u2022': return 0x95;
            case '\u2013': return 0x96;
            case '\u2014': return 0x97;
            case '\u02DC': return 0x98;
            case '\u2122': return 0x99;
            case '\u0161': return 0x9A;
            case '\u203A': return 0x9B;
            case '\u0153': return 0x9C;
            case '\u017E': return 0x9E;
            case '\u0178': return 0x9F;
            default: return -1;
        }
    }
}
