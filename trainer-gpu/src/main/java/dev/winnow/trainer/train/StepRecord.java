package dev.winnow.trainer.train;

/**
 * One training step as logged: mean loss over the global batch, learning rate, gradient norm
 * before clipping, throughput, and whether the update was applied.
 */
public record StepRecord(int step, long tokens, double loss, double lr, double gradNorm,
    double tokensPerSecond, double lossScale, boolean applied) {

  static final String CSV_HEADER = "step,tokens,loss,lr,grad_norm,tokens_per_s,loss_scale,applied";

  String csv() {
    return step + "," + tokens + "," + loss + "," + lr + "," + gradNorm + "," + tokensPerSecond
        + "," + lossScale + "," + applied;
  }
}
