package dev.winnow.trainer.backend;

/**
 * What a backend's attention forward pass keeps for its backward pass, per layer and
 * micro-batch.
 *
 * <p>{@link #PROBABILITIES}: the softmax probabilities {@code [B][NH][T][T]}, read back by the
 * backward pass. {@link #LOG_SUM_EXP}: one number per query row {@code [B][NH][T]}, the log of
 * the row's softmax denominator (scaled scores, max included); the backward pass recomputes the
 * probabilities from Q, K and it (FlashAttention's recomputation: T times less memory, one more
 * Q·Kᵀ product, and on a GPU no T×T matrix ever written to memory).
 */
public enum AttentionState {
  PROBABILITIES,
  LOG_SUM_EXP;

  /** Elements of the state for {@code b} sequences of {@code t} positions and {@code nh} heads. */
  public long size(int b, int t, int nh) {
    long rows = (long) b * nh * t;
    return this == PROBABILITIES ? rows * t : rows;
  }
}
