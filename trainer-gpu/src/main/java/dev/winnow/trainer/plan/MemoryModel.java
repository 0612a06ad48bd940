package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;

/**
 * Memory per GPU of the first pipeline stage, the fullest one: it holds the token and position
 * embeddings besides its layers, and under the 1F1B schedule it keeps min(pp, m) micro-batches
 * in flight (each later stage keeps fewer).
 */
public final class MemoryModel {
  private MemoryModel() {}

  /** Parameters one GPU of the first stage holds. */
  public static double parametersPerGpu(GptConfig model, Layout layout) {
    double h = model.hidden();
    double layersPerStage = (double) model.layers() / layout.pp();
    // Transformer weights are split across the tensor-parallel group (LayerNorm's 4h per layer
    // is replicated in practice; it is 1e-4 of the layer, so it is split here too).
    double layers = layersPerStage * (12 * h * h + 13 * h) / layout.tp();
    // Token embedding is vocabulary-parallel; position embedding is replicated.
    double embeddings = (double) model.paddedVocab() * h / layout.tp() + model.seqLen() * h;
    return layers + embeddings;
  }

  public static MemoryEstimate estimate(GptConfig model, Layout layout, int globalBatch) {
    double params = parametersPerGpu(model, layout);
    int zero = layout.zeroStage();
    int dp = layout.dp();
    double weights = params * ModelStateBytes.WEIGHTS * ModelStateBytes.shardFactor(zero, 3, dp);
    double gradients =
        params * ModelStateBytes.GRADIENTS * ModelStateBytes.shardFactor(zero, 2, dp);
    double optimizer =
        params * ModelStateBytes.OPTIMIZER * ModelStateBytes.shardFactor(zero, 1, dp);
    return new MemoryEstimate(weights, gradients, optimizer,
        activationBytes(model, layout, globalBatch));
  }

  /**
   * Activations of the first stage. Without recomputation every layer of every in-flight
   * micro-batch keeps all its activations; with full recomputation it keeps only the layer's
   * input (2·s·b·h bytes in half precision) and, during the backward pass, one layer's full
   * activations while that layer is recomputed. Either way each in-flight micro-batch also
   * keeps the stage's output, which the backward pass starts from (Megatron's and DeepSpeed's
   * 1F1B schedules hold it until then).
   */
  static double activationBytes(GptConfig model, Layout layout, int globalBatch) {
    double layersPerStage = (double) model.layers() / layout.pp();
    int inFlight = Math.min(layout.pp(), layout.microBatches(globalBatch));
    double perLayer = layerActivationBytes(model, layout.microBatch(), layout.tp());
    double layerIo = layerInputBytes(model, layout.microBatch());
    if (!layout.recompute()) {
      return inFlight * (layersPerStage * perLayer + layerIo);
    }
    return inFlight * (layersPerStage + 1) * layerIo + perLayer;
  }

  /**
   * One transformer layer's activations for one micro-batch on one tensor-parallel rank, in
   * bytes: s·b·h·(10 + 24/t + 5·a·s/(h·t)) (Korthikanti et al. 2022, "Reducing Activation
   * Recomputation in Large Transformer Models", tensor parallelism without sequence
   * parallelism, which MT-NLG predates: LayerNorm and dropout inputs stay replicated).
   */
  static double layerActivationBytes(GptConfig model, int microBatch, int tp) {
    double s = model.seqLen();
    double h = model.hidden();
    double a = model.heads();
    return s * microBatch * h * (10 + 24.0 / tp + 5 * a * s / (h * tp));
  }

  /** A layer's input (or output) in half precision: what full recomputation keeps per layer. */
  static double layerInputBytes(GptConfig model, int microBatch) {
    return (double) Assumptions.ACTIVATION_BYTES * model.seqLen() * microBatch * model.hidden();
  }
}
