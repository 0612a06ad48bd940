package dev.winnow.jobs.ingest.html;

import java.util.List;
import java.util.Locale;

/**
 * Tokenises paragraph text into words and counts stop words for several languages in one pass.
 *
 * <p>A word is a maximal run of letters, digits and combining marks; an apostrophe between two
 * word characters stays inside the word so English contractions ("don't") match the Snowball
 * list. Elided articles ("l'homme", "dell'anno") count as stop words when the part before the
 * apostrophe is one, mirroring how Lucene's elision filter treats them.
 */
final class StopWordCounter {

    private final StopWords[] lists;

    /** No stop word is longer than this (in UTF-16 units), so longer tokens skip the lookups. */
    private final int maxStopWordLength;

    StopWordCounter(List<StopWords> lists) {
        this.lists = lists.toArray(new StopWords[0]);
        int max = 0;
        for (StopWords l : this.lists) {
            max = Math.max(max, l.maxWordLength());
        }
        this.maxStopWordLength = max;
    }

    int languages() {
        return lists.length;
    }

    /**
     * Adds each language's stop-word hits in {@code text} to {@code counts} (one slot per list).
     *
     * @return the number of words in {@code text}
     */
    int count(String text, int[] counts) {
        int words = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int apostrophe = -1;
            i += Character.charCount(cp);
            while (i < n) {
                int c = text.codePointAt(i);
                if (isWordChar(c)) {
                    i += Character.charCount(c);
                } else if (isApostrophe(c) && i + 1 < n && isWordChar(text.codePointAt(i + 1))) {
                    if (apostrophe < 0) {
                        apostrophe = i - start;
                    }
                    i += 1; // every apostrophe we accept is a single UTF-16 unit
                } else {
                    break;
                }
            }
            words++;
            // Lower-casing does not shorten these languages' words, so length is a safe filter; an
            // elided article ("l'administration") must still be looked up.
            if (i - start <= maxStopWordLength || apostrophe > 0) {
                countToken(text.substring(start, i), apostrophe, counts);
            }
        }
        return words;
    }

    private void countToken(String raw, int apostrophe, int[] counts) {
        // Typographic apostrophes are spelled as ASCII ones in the Snowball lists.
        String token = raw.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u02BC', '\'');
        // Lower-casing can change length for a few exotic letters; only trust the offset if not.
        String elided =
                apostrophe > 0 && token.length() == raw.length() ? token.substring(0, apostrophe) : null;
        for (int k = 0; k < lists.length; k++) {
            if (lists[k].contains(token) || (elided != null && lists[k].contains(elided))) {
                counts[k]++;
            }
        }
    }

    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isApostrophe(int cp) {
        // U+02BC (modifier letter apostrophe) is a letter, so it never reaches this check.
        return cp == '\'' || cp == '\u2019';
    }
}
