package dev.winnow.jobs.language;

import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.EditDistance;
import dev.winnow.quality.lid.LidOptions;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the language stage, validated against the languages the model knows.
 *
 * @param keep ISO 639-1 codes of the languages to keep
 * @param minScore a kept language must be detected with at least this confidence
 * @param sampleChars characters of a document that are scored at most (a longer one is sampled
 *     in evenly spread windows)
 * @param filtered datasets the keep rule applies to; empty: every dataset. Documents of the others
 *     get a language and score too, and are kept (source code, say, is no natural language).
 */
public record LanguageParams(List<String> keep, double minScore, int sampleChars, List<String> filtered)
        implements Serializable {
    public LanguageParams {
        keep = List.copyOf(keep);
        filtered = List.copyOf(filtered);
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("keep: give at least one language code, e.g. [en]");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("min-score must be in [0, 1], got " + minScore);
        }
        if (sampleChars < 64) {
            throw new IllegalArgumentException("sample-chars must be at least 64, got " + sampleChars);
        }
    }

    /** Fails, naming the code and the closest supported one, if a kept language is unknown. */
    public LanguageParams checkedAgainst(List<String> supported) {
        for (String code : keep) {
            if (!supported.contains(code)) {
                String near = EditDistance.closest(code, supported, 1);
                throw new IllegalArgumentException("keep: '" + code + "' is not a language the model knows"
                        + (near == null ? "" : " (did you mean '" + near + "'?)") + "; it knows "
                        + String.join(" ", new TreeSet<>(supported)));
            }
        }
        return this;
    }

    /** Fails, naming the dataset, when a filtered dataset is not in the run. */
    public LanguageParams checkedAgainstDatasets(List<String> datasets) {
        DatasetSpec.requireKnown(filtered, datasets);
        return this;
    }

    /** Whether the keep rule applies to documents of this dataset. */
    public boolean filters(String dataset) {
        return filtered.isEmpty() || filtered.contains(dataset);
    }

    public Set<String> keepSet() {
        return Set.copyOf(keep);
    }

    public LidOptions options() {
        return LidOptions.DEFAULT.withMaxChars(sampleChars);
    }
}
