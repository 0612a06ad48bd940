package dev.winnow.trainer.train;

/**
 * What one rank reports after a step.
 *
 * @param lossSum sum of the micro-batches' mean losses (only the last stage's tensor-parallel
 *     rank 0 reports one; 0 elsewhere)
 * @param gradNorm the global gradient norm before clipping (same on every rank)
 * @param applied false when an overflow skipped the update
 */
record StepOutcome(double lossSum, double gradNorm, boolean applied) {}
