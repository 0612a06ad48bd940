package dev.winnow.trainer.plan;

/**
 * Bytes of model state per parameter in mixed-precision training with Adam, 20 in all (MT-NLG
 * §2.1: "training consumes 20 bytes of memory per parameter", which is why 530B needs over 10 TB
 * for weights, gradients and optimizer states), split by what ZeRO (Rajbhandari et al. 2020)
 * shards at each stage across the data-parallel group.
 */
final class ModelStateBytes {
  private ModelStateBytes() {}

  /** Half-precision weights the forward and backward passes read; sharded by ZeRO-3. */
  static final int WEIGHTS = 2;
  /** Half-precision gradients the backward pass writes; sharded by ZeRO-2 and 3. */
  static final int GRADIENTS = 2;
  /**
   * Optimizer states: fp32 master weights (4), fp32 gradients the update reads (4), Adam's first
   * and second moments (4 + 4); sharded by every ZeRO stage from 1.
   */
  static final int OPTIMIZER = 16;

  static final int TOTAL = WEIGHTS + GRADIENTS + OPTIMIZER;

  /** The share of one category a GPU keeps: all of it, or 1/dp once the stage shards it. */
  static double shardFactor(int zeroStage, int shardedFromStage, int dp) {
    return zeroStage >= shardedFromStage ? 1.0 / dp : 1.0;
  }
}
