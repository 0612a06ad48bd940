package dev.winnow.trainer.data;

/**
 * One rank's micro-batch: {@code tokens[b]} holds {@code seqLen + 1} ids, of which the first
 * {@code seqLen} are the inputs and the last {@code seqLen} the labels. {@code lossMask[b][t]} (null
 * when not asked for) is 0 where input {@code t} is the end-of-document token, so the first token of
 * the next document, which nothing before it predicts, adds no loss (Megatron's
 * {@code eod_mask_loss}).
 *
 * @param samples blended sample ids, for logging and checks
 */
public record MicroBatch(long[] samples, int[][] tokens, float[][] lossMask) {

    public static MicroBatch read(BlendedSamples blend, long[] samples, boolean withLossMask) {
        int seqLen = blend.seqLen();
        int[][] tokens = new int[samples.length][seqLen + 1];
        float[][] mask = withLossMask ? new float[samples.length][seqLen] : null;
        for (int b = 0; b < samples.length; b++) {
            blend.read(samples[b], tokens[b]);
            if (mask != null) {
                for (int t = 0; t < seqLen; t++) {
                    mask[b][t] = tokens[b][t] == blend.endOfDocument() ? 0f : 1f;
                }
            }
        }
        return new MicroBatch(samples, tokens, mask);
    }
}
