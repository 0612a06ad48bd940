package dev.winnow.quality.keep;

/**
 * Decides from a document's quality score (P(high quality), 0..1) whether to keep it. A rule is
 * a pure function of (score, document id): re-runs and re-partitioning give the same decisions.
 */
public interface KeepRule {
    boolean keep(double score, String documentId);

    /** Probability that a document with this score is kept (1 or 0 for a deterministic rule). */
    double keepProbability(double score);
}
