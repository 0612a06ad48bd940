package dev.winnow.trainer.train;

/**
 * One step's global batch: {@code tokens[rows][seqLen + 1]} windows (position t predicts t + 1)
 * and optionally {@code lossMask[rows][seqLen]}, the weight of each prediction (null: all 1).
 * The row count may grow from step to step (batch-size ramp-up).
 */
public record TokenBatch(int[][] tokens, float[][] lossMask) {

  public int rows() {
    return tokens.length;
  }

  /** Rows {@code [from, from + count)}. */
  public TokenBatch slice(int from, int count) {
    int[][] t = java.util.Arrays.copyOfRange(tokens, from, from + count);
    float[][] m = lossMask == null ? null
        : java.util.Arrays.copyOfRange(lossMask, from, from + count);
    return new TokenBatch(t, m);
  }
}
