package dev.winnow.quality.lid;

import java.lang.Character.UnicodeScript;

/** Unicode script of a code point, from a table for the Basic Multilingual Plane (hot path). */
final class Scripts {
    static final UnicodeScript[] ALL = UnicodeScript.values();
    private static final byte[] BMP = new byte[0x10000];

    static {
        if (ALL.length > 255) {
            throw new IllegalStateException("more Unicode scripts than a byte holds: " + ALL.length);
        }
        for (int cp = 0; cp < BMP.length; cp++) {
            BMP[cp] = (byte) UnicodeScript.of(cp).ordinal();
        }
    }

    private Scripts() {}

    /** The script's ordinal in {@link UnicodeScript#values()}. */
    static int of(int codePoint) {
        return codePoint < 0x10000 ? BMP[codePoint] & 0xFF : UnicodeScript.of(codePoint).ordinal();
    }

    static int count() {
        return ALL.length;
    }
}
