package dev.winnow.jobs.language;

import dev.winnow.quality.lid.Detection;

import java.util.Locale;
import java.util.Set;

/**
 * The keep rule of the language stage: a document is kept when its detected language is one of
 * {@code keep} with at least {@code minScore} confidence. Otherwise the reason says which
 * language it is in ({@code language:de}), or {@code language:undetermined} when there is no
 * language to speak of (no letters, an unsupported script) or the best guess is below
 * {@code minScore}.
 */
public final class LanguageDecision {
    public static final String UNDETERMINED = "language:undetermined";

    private LanguageDecision() {
    }

    /** Null when kept, else the reason code. */
    public static String reason(Detection d, Set<String> keep, double minScore) {
        if (!d.determined() || d.confidence() < minScore) {
            return UNDETERMINED;
        }
        return keep.contains(d.language()) ? null : "language:" + d.language();
    }

    /** For a person reading rejected/language/: what was detected and what was asked for. */
    public static String detail(Detection d, Set<String> keep, double minScore) {
        if (!d.determined()) {
            return "no letters in a supported script (" + d.letters() + " letters)";
        }
        String detected = String.format(Locale.ROOT, "detected %s (%.3f)", d.language(), d.confidence());
        if (keep.contains(d.language())) {
            return detected + ", below min-score " + minScore;
        }
        return detected + "; keeping " + String.join(",", keep.stream().sorted().toList());
    }
}
