package dev.winnow.trainer.train;

/**
 * Loss scaling for mixed precision: the loss is multiplied by {@link #scale()} before the
 * backward pass so small bf16/fp16 gradients do not underflow, and the optimizer divides it out.
 * A non-finite gradient norm means overflow: the step is skipped and the scale halved.
 */
public final class LossScaler {
  static final int GROWTH_INTERVAL = 1000;

  private final boolean dynamic;
  private double scale;
  private int cleanSteps;

  public LossScaler(double initialScale, boolean dynamic) {
    if (!(initialScale > 0)) {
      throw new IllegalArgumentException("loss scale must be > 0, got " + initialScale);
    }
    this.scale = initialScale;
    this.dynamic = dynamic;
  }

  public double scale() {
    return scale;
  }

  /** Records a step's outcome; returns whether to apply it. */
  public boolean update(boolean overflow) {
    if (!overflow) {
      if (dynamic && ++cleanSteps == GROWTH_INTERVAL) {
        scale *= 2;
        cleanSteps = 0;
      }
      return true;
    }
    if (!dynamic) {
      throw new IllegalStateException(
          "non-finite gradient norm with a static loss scale of " + scale);
    }
    scale /= 2;
    cleanSteps = 0;
    return false;
  }

  /** For checkpoints: the scale and the clean-step count. */
  public double[] state() {
    return new double[] {scale, cleanSteps};
  }

  public void restore(double[] state) {
    scale = state[0];
    cleanSteps = (int) state[1];
  }
}
