package dev.winnow.trainer.train;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.parallel.Topology;

/**
 * How to train: the model, the parallel layout, the micro-batch size (sequences per forward
 * pass on one rank), numerics, worker threads per rank, the recipe, ZeRO-1 on or off, and the
 * initialisation seed.
 */
public record TrainerSettings(GptConfig model, Topology topology, int microBatch,
    Precision precision, int threadsPerRank, Recipe recipe, boolean zero, long seed) {

  public TrainerSettings {
    if (microBatch < 1 || threadsPerRank < 1) {
      throw new IllegalArgumentException(
          "micro-batch and threads per rank must be >= 1, got " + microBatch + ", "
              + threadsPerRank);
    }
  }
}
