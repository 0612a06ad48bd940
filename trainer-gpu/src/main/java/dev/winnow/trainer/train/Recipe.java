package dev.winnow.trainer.train;

/**
 * The optimisation recipe (MT-NLG §3): AdamW with β = (0.9, 0.95), ε = 1e-8, weight decay 0.1
 * on weights only, global gradient-norm clipping at 1.0, and the token-based LR schedule.
 *
 * @param lossScale initial loss scale (1 in FP32/FP64; mixed precision starts high)
 * @param dynamicLossScale halve the scale and skip the step on overflow, double it after
 *     {@link LossScaler#GROWTH_INTERVAL} clean steps
 */
public record Recipe(LrSchedule lr, double beta1, double beta2, double eps, double weightDecay,
    double clipNorm, double lossScale, boolean dynamicLossScale) {

  public static Recipe mtNlg(LrSchedule lr) {
    return new Recipe(lr, 0.9, 0.95, 1e-8, 0.1, 1.0, 1.0, false);
  }
}
