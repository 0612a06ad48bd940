package dev.winnow.quality.lid;

/**
 * Chooses which parts of a text to score so that the cost per document is bounded: a text up to
 * {@code maxChars} is taken whole; a longer one is read in {@code windows} equal windows spread
 * evenly from its start to its end (so a page whose first screen is navigation in one language
 * and whose body is in another is judged by its body), each cut at whitespace so no word is
 * split.
 */
final class TextSample {
    private TextSample() {}

    /** Fills {@code bounds} with [start, end) pairs and returns how many windows it wrote. */
    static int windows(CharSequence text, int maxChars, int windows, int[] bounds) {
        int length = text.length();
        if (length <= maxChars || windows <= 1) {
            bounds[0] = 0;
            bounds[1] = Math.min(length, maxChars);
            return 1;
        }
        int width = maxChars / windows;
        for (int w = 0; w < windows; w++) {
            // Exact: the first window starts at 0 and the last one ends at the text's end.
            int start = (int) ((long) w * (length - width) / (windows - 1));
            int end = Math.min(length, start + width);
            if (w > 0) {
                start = afterWhitespace(text, start, end);
            }
            if (end < length) {
                end = beforeWhitespace(text, start, end);
            }
            bounds[2 * w] = start;
            bounds[2 * w + 1] = end;
        }
        return windows;
    }

    private static int afterWhitespace(CharSequence text, int start, int limit) {
        for (int i = start; i < limit; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return start; // one long token (CJK has no spaces): keep the cut as it is
    }

    private static int beforeWhitespace(CharSequence text, int start, int end) {
        for (int i = end - 1; i > start; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return end;
    }
}
