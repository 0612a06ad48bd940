package dev.winnow.trainer.plan;

/**
 * Predicted seconds of one training iteration, by where they go. {@code compute}: the
 * bottleneck (last) stage's layers and logits for all m micro-batches; {@code tensorParallel}:
 * its NVLink all-reduces; {@code pipelineTransfers}: its sends of activations and gradients to
 * the neighbouring stages; {@code bubble}: pipeline fill and drain, (p−1) steps of an ordinary
 * stage; {@code dataParallel}: the gradient reduction after the flush.
 */
public record IterationTime(double compute, double tensorParallel, double pipelineTransfers,
    double bubble, double dataParallel) {

  public double total() {
    return compute + tensorParallel + pipelineTransfers + bubble + dataParallel;
  }
}
