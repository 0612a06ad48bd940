package dev.winnow.trainer.plan;

/** Bytes one GPU holds during training, by what they are. */
public record MemoryEstimate(double weights, double gradients, double optimizer,
    double activations) {

  public double modelStates() {
    return weights + gradients + optimizer;
  }

  public double total() {
    return modelStates() + activations;
  }
}
