package dev.winnow.jobs.clean;

/**
 * Unifies line breaks to LF and removes characters that carry no text: C0 controls other than
 * tab and LF, DEL, C1 controls (U+0080..U+009F), the BOM / zero-width no-break space U+FEFF, the
 * noncharacters U+FFFE and U+FFFF, and surrogates that are not part of a pair.
 *
 * <p>Runs after mojibake repair: a C1 control such as U+009D in "â€\u009d" is a byte of a
 * mis-decoded "”" and must be repaired, not deleted.
 */
final class ControlChars {

    private ControlChars() {}

    /** Returns {@code s} itself when it has nothing to change. */
    static String clean(String s) {
        int len = s.length();
        int i = firstChange(s);
        if (i == len) {
            return s;
        }
        StringBuilder out = new StringBuilder(len);
        int copied = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append(s, copied, i);
                boolean crlf = i + 1 < len && s.charAt(i + 1) == '\n';
                if (!crlf) {
                    out.append('\n');
                }
                copied = ++i;
            } else if (Character.isHighSurrogate(c) && i + 1 < len
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i += 2;
            } else if (isDropped(c) || Character.isSurrogate(c)) {
                out.append(s, copied, i);
                copied = ++i;
            } else {
                i++;
            }
        }
        out.append(s, copied, len);
        return out.toString();
    }

    /** Index of the first char that {@link #clean} changes, or {@code s.length()}. */
    private static int firstChange(String s) {
        int len = s.length();
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F || c == '\n' || c == '\t') {
                i++; // printable ASCII, the common case
            } else if (Character.isHighSurrogate(c) && i + 1 < len
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i += 2;
            } else if (c == '\r' || isDropped(c) || Character.isSurrogate(c)) {
                return i;
            } else {
                i++;
            }
        }
        return len;
    }

    /** Controls and noncharacters to delete; CR and surrogates are handled by the caller. */
    static boolean isDropped(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                || c >= 0x7F && c <= 0x9F
                || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF';
    }
}
