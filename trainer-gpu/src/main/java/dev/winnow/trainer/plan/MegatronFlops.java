package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;

/**
 * Floating-point operations of GPT training, counted as Narayanan et al. 2021 ("Efficient
 * Large-Scale Language Model Training on GPU Clusters Using Megatron-LM", §5.1) count them:
 * only matrix multiplications; a layer's forward pass is 24·b·s·h² + 4·b·s²·h; the backward
 * pass is twice the forward; full recomputation adds one more forward. With recomputation the
 * iteration total is 96·B·s·l·h²·(1 + s/6h + V/16lh), the figure MT-NLG's TFLOP/s per GPU uses.
 */
public final class MegatronFlops {
  private MegatronFlops() {}

  /** Forward, backward and (with recomputation) the repeated forward: 3 or 4 forwards. */
  static int forwardPasses(boolean recompute) {
    return recompute ? 4 : 3;
  }

  /** One transformer layer, one micro-batch of {@code b} sequences. */
  public static double layer(GptConfig model, int b, boolean recompute) {
    double s = model.seqLen();
    double h = model.hidden();
    double forward = 24 * b * s * h * h * (1 + s / (6 * h));
    return forwardPasses(recompute) * forward;
  }

  /**
   * The output projection onto the vocabulary for one micro-batch: 2·b·s·h·V forward, twice
   * that backward; it is not recomputed (its input is the last checkpoint).
   */
  public static double logits(GptConfig model, int b) {
    return 3 * 2.0 * b * model.seqLen() * model.hidden() * model.paddedVocab();
  }

  /** One iteration over the global batch: every layer and the logits, every sequence. */
  public static double iteration(GptConfig model, int globalBatch, boolean recompute) {
    return globalBatch * (model.layers() * layer(model, 1, recompute) + logits(model, 1));
  }

  /** Achieved FLOP/s per GPU as the papers report it: iteration FLOPs / (time · GPUs). */
  public static double perGpu(GptConfig model, int globalBatch, boolean recompute,
      double iterationSeconds, int gpus) {
    return iteration(model, globalBatch, recompute) / (iterationSeconds * gpus);
  }
}
