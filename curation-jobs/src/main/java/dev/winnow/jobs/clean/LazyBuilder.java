package dev.winnow.jobs.clean;

/**
 * Builds a string out of pieces of a source string without copying while the output is still a
 * contiguous slice of the source. Why: most documents are already clean, and the line pass then
 * returns the source (or one substring) instead of copying megabytes char by char.
 */
final class LazyBuilder {

    private final String src;
    private StringBuilder sb;
    /** While {@code sb == null} the output is {@code src[from, to)}. */
    private int from = -1;
    private int to = -1;

    LazyBuilder(String src) {
        this.src = src;
    }

    /** Appends {@code src[start, end)}. */
    void appendRange(int start, int end) {
        if (start == end) {
            return;
        }
        if (sb == null) {
            if (from < 0) {
                from = start;
                to = end;
                return;
            }
            if (start == to) {
                to = end;
                return;
            }
            materialize();
        }
        sb.append(src, start, end);
    }

    /** Appends one char; stays lazy when the source has that same char right after the slice. */
    void append(char c) {
        if (sb == null) {
            if (from >= 0 && to < src.length() && src.charAt(to) == c) {
                to++;
                return;
            }
            materialize();
        }
        sb.append(c);
    }

    String build() {
        if (sb != null) {
            return sb.toString();
        }
        if (from < 0) {
            return "";
        }
        return from == 0 && to == src.length() ? src : src.substring(from, to);
    }

    private void materialize() {
        sb = new StringBuilder(src.length());
        if (from >= 0) {
            sb.append(src, from, to);
        }
    }
}
