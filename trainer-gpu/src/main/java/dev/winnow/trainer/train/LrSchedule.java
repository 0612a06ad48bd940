package dev.winnow.trainer.train;

/**
 * Learning rate as a function of tokens trained (MT-NLG §3: linear warm-up over the first
 * tokens, then cosine decay to 10% of the peak): {@code peak · tokens / warmup} during warm-up,
 * then {@code min + ½(peak − min)(1 + cos(π · progress))} until {@code decayTokens}, then
 * {@code min = minRatio · peak}.
 */
public record LrSchedule(double peak, long warmupTokens, long decayTokens, double minRatio) {

  public LrSchedule {
    if (peak <= 0 || warmupTokens < 0 || decayTokens < warmupTokens || minRatio < 0
        || minRatio > 1) {
      throw new IllegalArgumentException("bad learning-rate schedule: peak " + peak + ", warm-up "
          + warmupTokens + ", decay " + decayTokens + ", min ratio " + minRatio);
    }
  }

  /** The rate for a step after which {@code tokens} tokens will have been trained. */
  public double at(long tokens) {
    if (tokens < warmupTokens) {
      return peak * tokens / warmupTokens;
    }
    double min = peak * minRatio;
    if (tokens >= decayTokens) {
      return min;
    }
    double progress = (double) (tokens - warmupTokens) / (decayTokens - warmupTokens);
    return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
  }
}
