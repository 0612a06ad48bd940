package dev.winnow.trainer.train;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.parallel.Topology;

/**
 * How to train: the model, the parallel layout, the micro-batch size (sequences per forward
 * pass on one rank), numerics, worker threads per rank, the recipe, ZeRO-1 on or off, the
 * initialisation seed, and the backend every rank computes on ({@code cpu}, or {@code gpu}: the
 * JCuda backend on GPU 0, one rank).
 */
public record TrainerSettings(GptConfig model, Topology topology, int microBatch,
    Precision precision, int threadsPerRank, Recipe recipe, boolean zero, long seed,
    String backend) {

  public static final String CPU = "cpu";
  public static final String GPU = "gpu";

  /** On the CPU reference backend. */
  public TrainerSettings(GptConfig model, Topology topology, int microBatch, Precision precision,
      int threadsPerRank, Recipe recipe, boolean zero, long seed) {
    this(model, topology, microBatch, precision, threadsPerRank, recipe, zero, seed, CPU);
  }

  public TrainerSettings {
    if (microBatch < 1 || threadsPerRank < 1) {
      throw new IllegalArgumentException(
          "micro-batch and threads per rank must be >= 1, got " + microBatch + ", "
              + threadsPerRank);
    }
    if (!backend.equals(CPU) && !backend.equals(GPU)) {
      throw new IllegalArgumentException("backend must be cpu or gpu, got '" + backend + "'");
    }
    if (backend.equals(GPU) && topology.worldSize() != 1) {
      // The in-process collectives exchange host arrays; ranks sharing one GPU would only
      // contend for it. Multi-GPU needs a device transport behind Communicator.
      throw new IllegalArgumentException("the gpu backend trains one rank (tp = pp = dp = 1), got "
          + topology);
    }
  }
}
