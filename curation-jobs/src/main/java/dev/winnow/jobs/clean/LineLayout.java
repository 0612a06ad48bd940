package dev.winnow.jobs.clean;

/**
 * Line-level layout: strips spaces and tabs at line ends, collapses runs of blank lines (lines
 * holding only whitespace) to at most {@code maxBlankLines} empty lines, and trims whitespace at
 * both ends of the text. Expects LF line breaks only (see {@link ControlChars}).
 */
final class LineLayout {

    private LineLayout() {}

    static String apply(String s, int maxBlankLines) {
        int len = s.length();
        int start = 0;
        while (start < len && isSpace(s.charAt(start))) {
            start++;
        }
        if (start == len) {
            return "";
        }
        int end = len;
        while (isSpace(s.charAt(end - 1))) {
            end--;
        }
        // s[start] and s[end - 1] are not whitespace, so the first and last lines are not blank.
        LazyBuilder out = new LazyBuilder(s);
        int pendingBlank = 0;
        boolean firstLine = true;
        int pos = start;
        while (pos < end) {
            int nl = s.indexOf('\n', pos);
            if (nl < 0 || nl > end) {
                nl = end;
            }
            int lineEnd = nl;
            while (lineEnd > pos && (s.charAt(lineEnd - 1) == ' ' || s.charAt(lineEnd - 1) == '\t')) {
                lineEnd--;
            }
            if (isBlank(s, pos, lineEnd)) {
                pendingBlank++;
            } else {
                if (!firstLine) {
                    int breaks = 1 + Math.min(pendingBlank, maxBlankLines);
                    for (int k = 0; k < breaks; k++) {
                        out.append('\n');
                    }
                }
                out.appendRange(pos, lineEnd);
                firstLine = false;
                pendingBlank = 0;
            }
            pos = nl + 1;
        }
        return out.build();
    }

    /** Whitespace in the Unicode sense, including no-break spaces (Java's isWhitespace omits them). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t'
                || c > 0x7F && (Character.isWhitespace(c) || Character.isSpaceChar(c))
                || c < 0x20 && Character.isWhitespace(c);
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
