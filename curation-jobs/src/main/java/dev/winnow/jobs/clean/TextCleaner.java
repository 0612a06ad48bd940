package dev.winnow.jobs.clean;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Objects;

/**
 * The clean stage's per-document logic: normalize the text, then keep or drop it by length.
 * Stateless apart from its {@link CleanParams}, so one instance can be shipped to Spark executors.
 *
 * <p>{@link #normalize} order matters: mojibake repair runs first because the C1 controls it
 * consumes ("â€\u009d" → "”") would otherwise be deleted as controls; NFC runs after control
 * removal so it never sees lone surrogates; layout runs last on the final characters.
 */
public final class TextCleaner implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CleanParams params;

    public TextCleaner(CleanParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public CleanParams params() {
        return params;
    }

    /**
     * Mojibake repair (if enabled) → CRLF/CR to LF → drop control chars → cap combining-mark runs at 30 → NFC → strip trailing
     * spaces/tabs → collapse blank lines → trim. {@code null} gives "". Already-clean text comes
     * back as the same instance.
     */
    public String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = params.repairMojibake() ? MojibakeRepair.repair(text) : text;
        s = ControlChars.clean(s);
        // Marks and NFC only concern chars from U+0300 on: one scan finds the first for both.
        int from = firstAtOrAbove(s, MarkRuns.FIRST_MARK_BLOCK);
        if (from < s.length()) {
            s = toNfc(MarkRuns.cap(s, from)); // capped first: NFC is quadratic in a run of combining marks
        }
        return LineLayout.apply(s, params.maxBlankLines());
    }

    /** Normalizes, then drops empty, too short or too long text (lengths in code points). */
    public CleanResult clean(String text) {
        String t = normalize(text);
        if (t.isEmpty()) {
            return new CleanResult(t, 0, CleanResult.EMPTY, "no text left after normalization");
        }
        int n = charCount(t);
        if (n < params.minChars()) {
            return new CleanResult(t, n, CleanResult.TOO_SHORT, n + " chars < min " + params.minChars());
        }
        if (n > params.maxChars()) {
            return new CleanResult(t, n, CleanResult.TOO_LONG, n + " chars > max " + params.maxChars());
        }
        return CleanResult.keep(t, n);
    }

    /** Length in code points (an emoji counts once), as stored in the n_chars column. */
    public static int charCount(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }

    /** NFC; the caller skips it when every char is below U+0300, where nothing composes or decomposes. */
    static String toNfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Index of the first char at or above {@code bound}, or {@code s.length()}. */
    static int firstAtOrAbove(String s, char bound) {
        int len = s.length();
        int i = 0;
        while (i < len && s.charAt(i) < bound) {
            i++;
        }
        return i;
    }
}
