package dev.winnow.quality;

import dev.winnow.quality.fasttext.FastTextModel;
import dev.winnow.quality.fasttext.FastTextScorer;
import dev.winnow.quality.fasttext.FastTextTrainer;
import dev.winnow.quality.metrics.BinaryClassifierReport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Trains the quality model as MT-NLG did: fastText with word bigrams on curated (positive)
 * against raw web (negative) documents, prepared by {@link QualityText}. A seeded shuffle holds
 * out a validation share, on which the model is judged; same documents, settings and seed give
 * the same split, model and report.
 */
public final class QualityModelTraining {
    public static final String POSITIVE = "__label__hq";
    public static final String NEGATIVE = "__label__lq";

    public record Result(FastTextModel model, BinaryClassifierReport validation, int trained, int held) {}

    private QualityModelTraining() {}

    public static Result train(List<String> positives, List<String> negatives, FastTextTrainer.Settings settings,
            double validationShare, long seed) {
        return train(positives, negatives, settings, validationShare, seed, 1);
    }

    /** The same on {@code threads} threads: the same model and report for any number of them. */
    public static Result train(List<String> positives, List<String> negatives, FastTextTrainer.Settings settings,
            double validationShare, long seed, int threads) {
        if (positives.isEmpty() || negatives.isEmpty()) {
            throw new IllegalArgumentException("need positive and negative documents, got " + positives.size()
                    + " and " + negatives.size());
        }
        return trainOnLines(lines(positives, negatives), settings, validationShare, seed, threads);
    }

    /** The documents as labelled training lines ({@link #line}): the positives, then the negatives. */
    public static List<String> lines(List<String> positives, List<String> negatives) {
        List<String> lines = new ArrayList<>(positives.size() + negatives.size());
        positives.forEach(t -> lines.add(line(POSITIVE, t)));
        negatives.forEach(t -> lines.add(line(NEGATIVE, t)));
        return lines;
    }

    /**
     * As {@link #train(List, List, FastTextTrainer.Settings, double, long, int)} on
     * {@link #lines}, taking them over: the list is shuffled in place and emptied, and the training
     * share is let go once tokenized, so that only the held-out texts are still held when the
     * weights, the fit's largest allocation, are made.
     */
    public static Result trainOnLines(List<String> lines, FastTextTrainer.Settings settings, double validationShare,
            long seed, int threads) {
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validation share must be in [0, 1), got " + validationShare);
        }
        Collections.shuffle(lines, new Random(seed));
        int held = (int) Math.round(lines.size() * validationShare);
        List<String> validation = new ArrayList<>(lines.subList(0, held));
        List<String> training = new ArrayList<>(lines.subList(held, lines.size()));
        lines.clear();
        int trained = training.size();
        FastTextModel model = FastTextTrainer.trainReleasing(training, settings.withSeed(seed), threads);
        return new Result(model, judge(model, validation), trained, held);
    }

    /** The report of a model on fastText-format lines ({@code __label__hq text…}). */
    public static BinaryClassifierReport judge(FastTextModel model, List<String> lines) {
        return judge(model.scorer(), lines);
    }

    public static BinaryClassifierReport judge(FastTextScorer model, List<String> lines) {
        double[] scores = new double[lines.size()];
        boolean[] positive = new boolean[lines.size()];
        int label = positiveLabel(model);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            positive[i] = line.startsWith(POSITIVE + " ");
            scores[i] = score(model, label, line.substring(line.indexOf(' ') + 1));
        }
        return new BinaryClassifierReport(scores, positive, 0.5);
    }

    /** P(high quality) of an already prepared text. */
    public static double score(FastTextModel model, String preparedText) {
        FastTextScorer scorer = model.scorer();
        return score(scorer, positiveLabel(scorer), preparedText);
    }

    /** The index of {@link #POSITIVE} among the model's labels; look it up once, score many. */
    public static int positiveLabel(FastTextScorer model) {
        int id = model.dictionary().id(POSITIVE);
        if (id < model.dictionary().words()) {
            throw new IllegalArgumentException("the model has no label " + POSITIVE);
        }
        return id - model.dictionary().words();
    }

    public static double score(FastTextScorer model, int positiveLabel, String preparedText) {
        return Math.min(1.0, Math.max(0.0, model.predict(preparedText)[positiveLabel]));
    }

    /** A document as a fastText training line: label, then the prepared text. */
    public static String line(String label, String text) {
        return label + " " + QualityText.prepare(text).replace('\r', ' ');
    }
}
