package dev.winnow.trainer.backend;

/**
 * How a backend stores and multiplies.
 *
 * <ul>
 *   <li>{@code FP64}: double everywhere; the gradient checks and the parallel-equivalence tests
 *       use it, so differences come from the algorithm, not rounding.
 *   <li>{@code FP32}: float storage and arithmetic; the CPU training default.
 *   <li>{@code BF16}: float master weights, gradients and optimizer state, matrix products on
 *       bf16 operands with fp32 accumulation (tensor cores on the GPU).
 * </ul>
 */
public enum Precision {
  FP64,
  FP32,
  BF16
}
