package dev.winnow.quality.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well scores (P(positive)) separate labelled documents: accuracy, precision, recall and F1
 * of the positive class at a threshold, the confusion matrix, ROC AUC (threshold-free), and a
 * calibration table (in each band of predicted score, how often the document really is positive).
 */
public final class BinaryClassifierReport {
    public static final int CALIBRATION_BINS = 10;

    private final double threshold;
    private final long tp;
    private final long fp;
    private final long tn;
    private final long fn;
    private final double auc;
    private final long[] binCount = new long[CALIBRATION_BINS];
    private final double[] binScore = new double[CALIBRATION_BINS];
    private final long[] binPositive = new long[CALIBRATION_BINS];

    public BinaryClassifierReport(double[] scores, boolean[] positive, double threshold) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        this.threshold = threshold;
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i]) || scores[i] < 0 || scores[i] > 1) {
                throw new IllegalArgumentException("score " + i + " is not a probability: " + scores[i]);
            }
            boolean predicted = scores[i] >= threshold;
            if (predicted && positive[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (positive[i]) {
                fn++;
            } else {
                tn++;
            }
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (scores[i] * CALIBRATION_BINS));
            binCount[bin]++;
            binScore[bin] += scores[i];
            binPositive[bin] += positive[i] ? 1 : 0;
        }
        this.tp = tp;
        this.fp = fp;
        this.tn = tn;
        this.fn = fn;
        this.auc = auc(scores, positive);
    }

    /**
     * ROC AUC as the Mann–Whitney statistic: the probability that a random positive scores above
     * a random negative, ties counting half. NaN when one class is missing.
     */
    static double auc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // average rank of the tie group, 1-based
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    public long total() {
        return tp + fp + tn + fn;
    }

    public double accuracy() {
        return ratio(tp + tn, total());
    }

    public double precision() {
        return ratio(tp, tp + fp);
    }

    public double recall() {
        return ratio(tp, tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double rocAuc() {
        return auc;
    }

    /** {tp, fp, tn, fn}. */
    public long[] confusion() {
        return new long[] {tp, fp, tn, fn};
    }

    /** One labelled figure per line, then the calibration table. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        out.add("documents: " + total());
        out.add(String.format(Locale.ROOT, "threshold: %.2f", threshold));
        out.add(fmt("accuracy", accuracy()));
        out.add(fmt("precision", precision()));
        out.add(fmt("recall", recall()));
        out.add(fmt("f1", f1()));
        out.add(fmt("roc_auc", rocAuc()));
        out.add("confusion: tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (binCount[b] > 0) {
                out.add(String.format(Locale.ROOT, "calibration.%.1f-%.1f: n=%d mean_score=%.3f positive_rate=%.3f",
                        b / (double) CALIBRATION_BINS, (b + 1) / (double) CALIBRATION_BINS, binCount[b],
                        binScore[b] / binCount[b], (double) binPositive[b] / binCount[b]));
            }
        }
        return out;
    }

    private static String fmt(String label, double value) {
        return String.format(Locale.ROOT, "%s: %.4f", label, value);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
