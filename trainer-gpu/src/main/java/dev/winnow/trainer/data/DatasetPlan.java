package dev.winnow.trainer.data;

/**
 * How many epochs of a dataset the index covers and how the last one is shuffled, by Megatron's
 * rules ({@code gpt_dataset.py}: {@code _get_num_epochs} and the separate-final-epoch test).
 *
 * @param documents             documents in one epoch
 * @param tokensPerEpoch        tokens of one epoch, each document followed by its end-of-document token
 * @param samples               samples the blend asks of this dataset
 * @param epochs                whole epochs in the document index: the fewest whose tokens hold
 *                              {@code samples × seqLen + 1} tokens
 * @param separateFinalEpoch    the last epoch is shuffled apart from the others because the blend needs
 *                              less than 80% of it (so the samples it gives are an unbiased subsample)
 * @param indexedSamples        samples the document index yields: {@code (epochs × tokensPerEpoch − 1) ÷ seqLen}
 * @param samplesSansFinalEpoch samples of the first {@code epochs − 1} epochs (the first shuffle range
 *                              when the final epoch is separate)
 */
public record DatasetPlan(int documents, long tokensPerEpoch, long samples, int epochs, boolean separateFinalEpoch,
                          long indexedSamples, long samplesSansFinalEpoch) {

    /** Megatron shuffles the final epoch separately when the blend needs less than this share of it. */
    static final double SEPARATE_FINAL_EPOCH_BELOW = 0.80;

    public static DatasetPlan of(int documents, long tokensPerEpoch, long samples, int seqLen) {
        if (tokensPerEpoch <= 0) {
            if (samples > 0) {
                throw new IllegalArgumentException(samples + " samples asked of a dataset without tokens");
            }
            return new DatasetPlan(documents, 0, 0, 0, false, 0, 0); // dropped: no document on this side
        }
        int epochs = 1;
        while ((long) epochs * tokensPerEpoch < samples * seqLen + 1) {
            epochs++;
        }
        long sansFinal = (((long) epochs - 1) * tokensPerEpoch - 1) / seqLen;
        boolean separate = false;
        if (epochs > 1) {
            long fromFinalEpoch = samples - sansFinal;
            long perEpoch = (tokensPerEpoch - 1) / seqLen;
            separate = fromFinalEpoch < (long) (SEPARATE_FINAL_EPOCH_BELOW * perEpoch);
        }
        long indexed = ((long) epochs * tokensPerEpoch - 1) / seqLen;
        return new DatasetPlan(documents, tokensPerEpoch, samples, epochs, separate, indexed, sansFinal);
    }

    /** Epochs of the dataset that {@code used} samples read (counting end-of-document tokens). */
    public double epochsRead(long used, int seqLen) {
        return (double) used * seqLen / tokensPerEpoch;
    }
}
