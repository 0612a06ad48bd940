package dev.winnow.quality.lid;

import java.util.List;

/**
 * The result of identifying a text's language.
 *
 * @param language ISO 639-1 code, or {@link #UNDETERMINED} when the text has no letters the
 *     models know (empty, digits, symbols, an unsupported script)
 * @param confidence the probability of {@code language} times the share of the text's letters
 *     written in its script; 0 when undetermined
 * @param top the best candidates, most probable first (empty when undetermined); only those still
 *     in the running after the shortlist (see {@link LidOptions#shortlistMargin()}), so a clear
 *     text may list just one
 * @param letters how many letters were scored (after sampling a long text)
 */
public record Detection(String language, double confidence, List<LanguageScore> top, int letters) {
    public static final String UNDETERMINED = "und";

    static final Detection NONE = new Detection(UNDETERMINED, 0.0, List.of(), 0);

    public boolean determined() {
        return !UNDETERMINED.equals(language);
    }
}
