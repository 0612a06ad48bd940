package dev.winnow.trainer.data;

/**
 * What an index is built for, besides the blend: sequence length, shuffle seed and the number of
 * blended samples training will draw (Megatron's {@code train_samples}).
 */
public record IndexSpec(int seqLen, long seed, long samples) {
    public IndexSpec {
        if (seqLen <= 0 || samples <= 0) {
            throw new IllegalArgumentException("seqLen " + seqLen + " and samples " + samples + " must be positive");
        }
    }

    /** Samples that cover the blend's target tokens: {@code ceil(targetTokens ÷ seqLen)}. */
    public static IndexSpec forTargetTokens(double targetTokens, int seqLen, long seed) {
        return new IndexSpec(seqLen, seed, (long) Math.ceil(targetTokens / seqLen));
    }
}
