package dev.winnow.jobs.clean;

/**
 * Strict UTF-8 decoding of one sequence whose bytes are spelled as cp1252/Latin-1 characters.
 *
 * <p>Accepts exactly the well-formed sequences of Unicode Table 3-7, the same ones a JDK decoder
 * with {@code CodingErrorAction.REPORT} accepts (a test checks this exhaustively): no overlongs
 * (C0, C1, E0 80..9F, F0 80..8F), no surrogates (ED A0..BF), nothing above U+10FFFF. Hand-written
 * instead of calling a CharsetDecoder so the hot path allocates no buffers.
 */
final class StrictUtf8 {

    private StrictUtf8() {}

    /**
     * Decodes the sequence starting at {@code s[i]} (reading no further than {@code end}).
     *
     * @return {@code (length << 21) | codePoint}, or 0 when no well-formed sequence starts at i
     */
    static int decodeAt(String s, int i, int end) {
        char c0 = s.charAt(i);
        if (c0 < 0xC2 || c0 > 0xF4) {
            // Not a lead byte: leads C2..F4 are spelled by those very chars (cp1252's other chars
            // stand for 80..9F; C0, C1 would be overlong). So most non-Latin text (Cyrillic, CJK,
            // …) is rejected here, without a lookup.
            return 0;
        }
        int b0 = c0;
        int extra;
        int cp;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 <= 0xDF) {
            extra = 1;
            cp = b0 & 0x1F;
        } else if (b0 <= 0xEF) {
            extra = 2;
            cp = b0 & 0x0F;
            if (b0 == 0xE0) {
                lo = 0xA0; // overlong
            } else if (b0 == 0xED) {
                hi = 0x9F; // surrogates
            }
        } else {
            extra = 3;
            cp = b0 & 0x07;
            if (b0 == 0xF0) {
                lo = 0x90; // overlong
            } else if (b0 == 0xF4) {
                hi = 0x8F; // above U+10FFFF
            }
        }
        if (end - i <= extra) {
            return 0;
        }
        for (int k = 1; k <= extra; k++) {
            int b = Cp1252.byteOf(s.charAt(i + k));
            if (b < lo || b > hi) {
                return 0;
            }
            cp = (cp << 6) | (b & 0x3F);
            lo = 0x80;
            hi = 0xBF;
        }
        return ((extra + 1) << 21) | cp;
    }

    static int length(int packed) {
        return packed >>> 21;
    }

    static int codePoint(int packed) {
        return packed & 0x1F_FFFF;
    }

    /** End of the maximal run of back-to-back well-formed sequences starting at i (i if none). */
    static int segmentEnd(String s, int i) {
        int len = s.length();
        int j = i;
        while (j < len) {
            int packed = decodeAt(s, j, len);
            if (packed == 0) {
                break;
            }
            j += length(packed);
        }
        return j;
    }
}
