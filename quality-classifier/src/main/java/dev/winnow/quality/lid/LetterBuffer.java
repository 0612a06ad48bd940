package dev.winnow.quality.lid;

import java.util.Arrays;

/**
 * The letters of a text as the models see them: lowercased code points, -1 between words.
 * Digits, punctuation, symbols and spaces break words; combining marks are dropped without a
 * break, as in the training data of the models (which hold letters only). Also counts how much
 * of the text, in UTF-8 bytes, each Unicode script has.
 */
final class LetterBuffer {
    private static final int LATIN = Character.UnicodeScript.LATIN.ordinal();

    final int[] codePoints;
    final byte[] scriptOf;
    final long[] scriptBytes = new long[Scripts.count()];
    private final int[] bounds;
    int length;
    int letters;

    LetterBuffer(LidOptions options) {
        bounds = new int[2 * options.windows()];
        codePoints = new int[options.maxChars() + options.windows() + 1];
        scriptOf = new byte[codePoints.length];
    }

    /** Reads the sampled windows of the text; returns the number of letters. */
    int read(CharSequence text, LidOptions options) {
        Arrays.fill(scriptBytes, 0);
        int windows = TextSample.windows(text, options.maxChars(), options.windows(), bounds);
        int n = 0;
        int count = 0;
        long asciiLetters = 0; // added to scriptBytes[LATIN] at the end: no store per letter
        for (int w = 0; w < windows; w++) {
            int end = bounds[2 * w + 1];
            for (int i = bounds[2 * w]; i < end; ) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    // ASCII, most of most texts: a letter is A-Z or a-z, Latin, one byte; anything
                    // else breaks words (ASCII has no combining marks). As the general path decides.
                    i++;
                    int lower = c | 0x20;
                    if (lower >= 'a' && lower <= 'z') {
                        codePoints[n] = lower;
                        scriptOf[n++] = (byte) LATIN;
                        asciiLetters++;
                    } else if (n > 0 && codePoints[n - 1] >= 0) {
                        codePoints[n++] = -1;
                    }
                    continue;
                }
                int cp = Character.codePointAt(text, i);
                i += Character.charCount(cp);
                int type = Character.getType(cp);
                if (isLetter(type)) {
                    int lower = Character.toLowerCase(cp);
                    int script = Scripts.of(lower);
                    codePoints[n] = lower;
                    scriptOf[n++] = (byte) script;
                    scriptBytes[script] += utf8Length(lower);
                    count++;
                } else if (!isMark(type) && n > 0 && codePoints[n - 1] >= 0) {
                    codePoints[n++] = -1;
                }
            }
            if (n > 0 && codePoints[n - 1] >= 0) {
                codePoints[n++] = -1;
            }
        }
        scriptBytes[LATIN] += asciiLetters;
        length = n;
        letters = count + (int) asciiLetters;
        return letters;
    }

    /** The script with the most text (ties: the lower ordinal). */
    int dominantScript() {
        int best = 0;
        for (int s = 1; s < scriptBytes.length; s++) {
            if (scriptBytes[s] > scriptBytes[best]) {
                best = s;
            }
        }
        return best;
    }

    /** Share of the letters' bytes that are in the given scripts. */
    double shareOf(boolean[] scripts) {
        long in = 0;
        long all = 0;
        for (int s = 0; s < scriptBytes.length; s++) {
            all += scriptBytes[s];
            if (scripts[s]) {
                in += scriptBytes[s];
            }
        }
        return all == 0 ? 0.0 : (double) in / all;
    }

    private static boolean isLetter(int type) {
        return type == Character.LOWERCASE_LETTER || type == Character.UPPERCASE_LETTER
                || type == Character.OTHER_LETTER || type == Character.MODIFIER_LETTER
                || type == Character.TITLECASE_LETTER;
    }

    private static boolean isMark(int type) {
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
