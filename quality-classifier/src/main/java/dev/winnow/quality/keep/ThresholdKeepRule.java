package dev.winnow.quality.keep;

/** Keeps a document iff its score is at least the threshold. */
public record ThresholdKeepRule(double threshold) implements KeepRule {
    public ThresholdKeepRule {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
    }

    @Override
    public boolean keep(double score, String documentId) {
        return score >= threshold;
    }

    @Override
    public double keepProbability(double score) {
        return score >= threshold ? 1.0 : 0.0;
    }
}
