package dev.winnow.quality.keep;

import java.nio.charset.StandardCharsets;

/**
 * GPT-3's and MT-NLG's stochastic filter: keep a document iff {@code pareto(α) > 1 − score},
 * where {@code pareto} is numpy's {@code random.pareto}, a Lomax draw X with
 * P(X > x) = (1 + x)^−α. So P(keep | s) = (2 − s)^−α: every document has a chance, and good ones
 * are kept almost surely (α = 3: s = 1 → 1, s = 0.5 → 0.30, s = 0 → 0.125).
 *
 * <p>The draw is not from a shared random stream but from a hash of (seed, document id), so a
 * document's fate does not depend on which task sees it, in which order, or on how many cores.
 */
public record ParetoKeepRule(double alpha, long seed) implements KeepRule {
    public static final double DEFAULT_ALPHA = 3.0;

    public ParetoKeepRule {
        if (!(alpha > 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
    }

    @Override
    public boolean keep(double score, String documentId) {
        return draw(documentId) > 1.0 - score;
    }

    @Override
    public double keepProbability(double score) {
        return Math.pow(2.0 - score, -alpha);
    }

    /** The document's Lomax(α) draw by inverse transform: X = U^(−1/α) − 1, U in (0, 1]. */
    double draw(String documentId) {
        return Math.pow(uniform(documentId), -1.0 / alpha) - 1.0;
    }

    /** A uniform number in (0, 1] from (seed, id): 53 bits of a SplitMix64 mix of both. */
    double uniform(String documentId) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : documentId.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return ((h >>> 11) + 1) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
