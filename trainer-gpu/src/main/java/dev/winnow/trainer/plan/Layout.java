package dev.winnow.trainer.plan;

/**
 * One way to lay a training run out on GPUs: tensor-parallel width {@code tp} (inside a node),
 * pipeline depth {@code pp}, data-parallel replicas {@code dp}, the micro-batch in sequences,
 * whether every transformer layer's activations are recomputed in the backward pass (keeping
 * only its input), and the ZeRO stage that shards model states across the data-parallel group.
 */
public record Layout(int tp, int pp, int dp, int microBatch, boolean recompute, int zeroStage) {

  public Layout {
    if (tp < 1 || pp < 1 || dp < 1 || microBatch < 1) {
      throw new IllegalArgumentException("tp, pp, dp and micro-batch must be >= 1");
    }
    if (zeroStage < 0 || zeroStage > 3) {
      throw new IllegalArgumentException("ZeRO stage must be 0..3, got " + zeroStage);
    }
  }

  public int gpus() {
    return tp * pp * dp;
  }

  /** Micro-batches each pipeline runs per iteration: m = B / (dp · micro-batch). */
  public int microBatches(int globalBatch) {
    return globalBatch / (dp * microBatch);
  }

  @Override
  public String toString() {
    return "tp=" + tp + " pp=" + pp + " dp=" + dp + " micro-batch=" + microBatch
        + " recompute=" + (recompute ? "full" : "none") + " zero=" + zeroStage;
  }
}
