package dev.winnow.dedup;

/**
 * The characters {@link WordTokenizer} scans itself, by their UAX#29 word-break class as Lucene's
 * {@code StandardTokenizer} grammar (Unicode 9) uses them; every other character is
 * {@link #UNKNOWN} and goes to Lucene. A character belongs here only if its class is certain and
 * it takes part in no rule beyond its class (emoji, keycaps, Hebrew quotes, format characters):
 * {@code WordTokenizerTest} checks each in every context against Lucene.
 */
final class WordClasses {
    /** Lucene decides. */
    static final byte UNKNOWN = 0;
    /** In no token and at the start of no rule: Lucene's scanner restarts after it. */
    static final byte SEPARATOR = 1;
    /** ALetter. */
    static final byte LETTER = 2;
    /** Numeric. */
    static final byte DIGIT = 3;
    /** ExtendNumLet ({@code _}): joins letters and digits on either side, and sticks to them. */
    static final byte UNDERSCORE = 4;
    /** MidLetter ({@code :}): between two letters. */
    static final byte MID_LETTER = 5;
    /** MidNumLet and Single_Quote ({@code . '} and curly single quotes): between two letters or two digits. */
    static final byte MID_NUM_LET = 6;
    /** MidNum ({@code , ;}): between two digits. */
    static final byte MID_NUM = 7;
    /** In no token among known characters, but not a separator: Hebrew gershayim ({@code "}) can be. */
    static final byte OTHER = 8;
    /** {@code # *}: a keycap emoji when followed by U+20E3 (unknown), else other. */
    static final byte KEYCAP_BASE = 9;

    /** Every char, so that a lookup needs no range check (a quarter of the scan on repetitive text). */
    private static final byte[] CLASS = new byte[0x10000];

    static {
        for (int c = 0; c < 0x80; c++) {
            CLASS[c] = SEPARATOR; // ASCII controls, whitespace and punctuation, unless below
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = LETTER;
            CLASS[c - 'a' + 'A'] = LETTER;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        CLASS['_'] = UNDERSCORE;
        CLASS[':'] = MID_LETTER;
        CLASS['.'] = MID_NUM_LET;
        CLASS['\''] = MID_NUM_LET;
        CLASS[','] = MID_NUM;
        CLASS[';'] = MID_NUM;
        CLASS['"'] = OTHER;
        CLASS['#'] = KEYCAP_BASE;
        CLASS['*'] = KEYCAP_BASE;
        // Latin-1 letters, but not × and ÷.
        for (int c = 0xC0; c <= 0xFF; c++) {
            CLASS[c] = c == 0xD7 || c == 0xF7 ? SEPARATOR : LETTER;
        }
        // Latin Extended-A and -B: letters all (ł, š, ő, ș...).
        for (int c = 0x100; c <= 0x24F; c++) {
            CLASS[c] = LETTER;
        }
        // No-break space, ¡ « ° » ¿, and general punctuation common in English web text.
        for (char c : new char[] {0xA0, 0xA1, 0xAB, 0xB0, 0xBB, 0xBF, 0x2013, 0x2014, 0x201C, 0x201D, 0x2022, 0x2026}) {
            CLASS[c] = SEPARATOR;
        }
        CLASS[0x2018] = MID_NUM_LET;
        CLASS[0x2019] = MID_NUM_LET;
    }

    private WordClasses() {
    }

    static int of(char c) {
        return CLASS[c];
    }

    static boolean isAlnum(int cls) {
        return cls == LETTER || cls == DIGIT;
    }

    /** Whether a token can start at a character of this class (underscores only if a letter or digit follows). */
    static boolean startsToken(int cls) {
        return cls == LETTER || cls == DIGIT || cls == UNDERSCORE;
    }

    static boolean isMid(int cls) {
        return cls == MID_LETTER || cls == MID_NUM_LET || cls == MID_NUM;
    }

    /** Whether {@code mid} between two characters of class {@code side} keeps them in one token. */
    static boolean joins(int side, int mid) {
        return side == LETTER ? mid == MID_LETTER || mid == MID_NUM_LET : side == DIGIT && (mid == MID_NUM || mid == MID_NUM_LET);
    }
}
