package dev.winnow.jobs.clean;

import java.io.Serializable;

/**
 * Outcome of {@link TextCleaner#clean}: the normalized text, and why it is dropped if it is.
 *
 * @param text   the normalized text (also filled in for dropped documents, for inspection)
 * @param chars  its length in code points ({@link TextCleaner#charCount}), counted once here
 * @param reason {@code null} when kept, else {@link #EMPTY}, {@link #TOO_SHORT} or {@link #TOO_LONG}
 * @param detail short human message for a drop, e.g. "173 chars < min 200"; {@code null} when kept
 */
public record CleanResult(String text, int chars, String reason, String detail) implements Serializable {

    public static final String EMPTY = "empty";
    public static final String TOO_SHORT = "too-short";
    public static final String TOO_LONG = "too-long";

    public boolean kept() {
        return reason == null;
    }

    static CleanResult keep(String text, int chars) {
        return new CleanResult(text, chars, null, null);
    }
}
