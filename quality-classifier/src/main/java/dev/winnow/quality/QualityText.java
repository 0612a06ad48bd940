package dev.winnow.quality;

/**
 * The text the quality model sees, prepared as in the Pile-CC / GPT-3 classifier code: newlines
 * become spaces, the first 4,000 characters are taken, then the last 1,500 of those. Training and
 * scoring use the same preparation, so a model sees at scoring time what it learned from.
 */
public final class QualityText {
    public static final int HEAD_CHARS = 4000;
    public static final int TAIL_CHARS = 1500;

    private QualityText() {}

    /**
     * Characters are code points (as Python's str), never half a surrogate pair. Looks at no more
     * than the text's first {@code 2 × HEAD_CHARS} chars, whatever its length (a document can run
     * to megabytes, and the quality stage prepares every one).
     */
    public static String prepare(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int length = text.length();
        int scan = Math.min(length, HEAD_CHARS);
        int start;
        int headEnd;
        boolean pairAcrossTheCut = scan < length && Character.isHighSurrogate(text.charAt(scan - 1));
        if (text.codePointCount(0, scan) == scan && !pairAcrossTheCut) {
            // No surrogate pair in the head, so chars are code points: the common case, and free
            // for a Latin-1 string, whose count Java does not scan for. (A walk of the head code
            // point by code point cost more than it saved: docs/benchmarks.md.)
            headEnd = scan;
            start = Math.max(0, scan - TAIL_CHARS);
        } else {
            // HEAD_CHARS code points take at most twice as many chars: count no further.
            int head = Math.min(text.codePointCount(0, Math.min(length, 2 * HEAD_CHARS)), HEAD_CHARS);
            headEnd = text.offsetByCodePoints(0, head);
            start = head <= TAIL_CHARS ? 0 : text.offsetByCodePoints(0, head - TAIL_CHARS);
        }
        return text.substring(start, headEnd).replace('\n', ' ');
    }
}
