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

    /** Characters are code points (as Python's str), never half a surrogate pair. */
    public static String prepare(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String flat = text.replace('\n', ' ');
        int codePoints = flat.codePointCount(0, flat.length());
        int headEnd = codePoints <= HEAD_CHARS ? flat.length() : flat.offsetByCodePoints(0, HEAD_CHARS);
        int head = Math.min(codePoints, HEAD_CHARS);
        int start = head <= TAIL_CHARS ? 0 : flat.offsetByCodePoints(0, head - TAIL_CHARS);
        return flat.substring(start, headEnd);
    }
}
