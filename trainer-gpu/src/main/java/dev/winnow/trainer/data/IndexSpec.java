package dev.winnow.trainer.data;

/**
 * What an index is built for, besides the blend: sequence length, shuffle seed, the number of
 * blended samples it serves (Megatron's {@code train_samples}), and which documents it draws from.
 */
public record IndexSpec(int seqLen, long seed, long samples, DocumentSplit split) {
    public IndexSpec {
        if (seqLen <= 0 || samples <= 0) {
            throw new IllegalArgumentException("seqLen " + seqLen + " and samples " + samples + " must be positive");
        }
        if (split == null) {
            throw new IllegalArgumentException("no document split (DocumentSplit.ALL for all documents)");
        }
    }

    /** An index over all of the blend's documents. */
    public IndexSpec(int seqLen, long seed, long samples) {
        this(seqLen, seed, samples, DocumentSplit.ALL);
    }

    /** Samples that cover the blend's target tokens: {@code ceil(targetTokens ÷ seqLen)}. */
    public static IndexSpec forTargetTokens(double targetTokens, int seqLen, long seed) {
        return new IndexSpec(seqLen, seed, (long) Math.ceil(targetTokens / seqLen));
    }
}
