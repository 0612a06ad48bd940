package dev.winnow.jobs.quality;

import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.quality.fasttext.FastTextTrainer;
import dev.winnow.quality.keep.KeepRule;
import dev.winnow.quality.keep.ParetoKeepRule;
import dev.winnow.quality.keep.ThresholdKeepRule;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the quality stage, validated.
 *
 * @param model a fastText .bin to score with; empty: train one from {@code positive}/{@code negative}
 * @param positive datasets of curated text (training positives; not filtered by default)
 * @param negative datasets of raw web text (training negatives)
 * @param filtered datasets the keep rule applies to; empty: every dataset that is not positive
 * @param keep {@code pareto} (GPT-3/MT-NLG's stochastic rule) or {@code threshold}
 * @param threads threads of the fit on the driver (0: as many as the driver has; the model does
 *     not depend on it)
 * @param maxTrainDocs documents per class the model is trained on at most (a deterministic sample)
 */
public record QualityParams(String model, List<String> positive, List<String> negative, List<String> filtered,
        String keep, double alpha, double threshold, long seed, FastTextTrainer.Settings train, int threads,
        double validation, int maxTrainDocs) implements Serializable {

    public QualityParams {
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        filtered = List.copyOf(filtered);
        if (!keep.equals("pareto") && !keep.equals("threshold")) {
            throw new IllegalArgumentException("keep must be pareto or threshold, got '" + keep + "'");
        }
        keepRule(keep, alpha, threshold, seed); // validates alpha / threshold
        if (model.isEmpty() && (positive.isEmpty() || negative.isEmpty())) {
            throw new IllegalArgumentException("give a model, or positive and negative datasets to train one on");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("train.threads must be 0 (as many as the driver has) or more, got "
                    + threads);
        }
        if (maxTrainDocs < 1) {
            throw new IllegalArgumentException("max-train-docs must be at least 1, got " + maxTrainDocs);
        }
    }

    /** Fails, naming the dataset, when a configured dataset is not in the run. */
    public QualityParams checkedAgainst(List<String> datasets) {
        for (List<String> names : List.of(positive, negative, filtered)) {
            DatasetSpec.requireKnown(names, datasets);
        }
        return this;
    }

    public KeepRule keepRule() {
        return keepRule(keep, alpha, threshold, seed);
    }

    /** The rule {@code keep} names ({@code pareto} or {@code threshold}) with its parameters; also the report's, from a manifest. */
    public static KeepRule keepRule(String keep, double alpha, double threshold, long seed) {
        return keep.equals("pareto") ? new ParetoKeepRule(alpha, seed) : new ThresholdKeepRule(threshold);
    }

    /** Whether the keep rule applies to documents of this dataset. */
    public boolean filters(String dataset) {
        return filtered.isEmpty() ? !positive.contains(dataset) : filtered.contains(dataset);
    }

    public Set<String> trainingDatasets() {
        Set<String> all = new HashSet<>(positive);
        all.addAll(negative);
        return all;
    }
}
