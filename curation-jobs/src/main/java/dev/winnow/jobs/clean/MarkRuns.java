package dev.winnow.jobs.clean;

/**
 * Caps runs of combining marks ("Zalgo" floods). NFC's canonical reordering sorts each run of
 * non-starters by insertion, so its cost grows with the square of the run: one base letter with
 * 200,000 marks of alternating classes took 56 s in {@link java.text.Normalizer}. Unicode's
 * stream-safe text format (UAX #15) bounds runs at 30 non-starters for the same reason, and no
 * real text needs more; the marks past the 30th of a run are dropped.
 */
final class MarkRuns {
    /** UAX #15's stream-safe bound. */
    static final int MAX = 30;
    /** No code point below this is a combining mark (U+0300 starts the first block of them). */
    static final char FIRST_MARK_BLOCK = '\u0300';

    private MarkRuns() {
    }

    /** {@code s} with every run of combining marks cut to {@code MAX}; the same instance when none is longer. */
    static String cap(String s) {
        return cap(s, 0);
    }

    /** As {@link #cap(String)}, where no char before {@code from} is a mark (all below U+0300, say). */
    static String cap(String s, int from) {
        int run = 0;
        int i = from;
        for (; i < s.length(); ) {
            if (s.charAt(i) < FIRST_MARK_BLOCK) { // most text: no Unicode property lookup
                run = 0;
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            if (isMark(cp)) {
                if (++run > MAX) {
                    break;
                }
            } else {
                run = 0;
            }
            i += Character.charCount(cp);
        }
        if (i >= s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (isMark(cp)) {
                if (++run <= MAX) {
                    b.append(s, i, i + n);
                }
            } else {
                run = 0;
                b.append(s, i, i + n);
            }
            i += n;
        }
        return b.toString();
    }

    static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || t == Character.COMBINING_SPACING_MARK;
    }
}
