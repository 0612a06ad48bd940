package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;

/**
 * Iteration time of a layout under the 1F1B pipeline schedule (Narayanan et al. 2021 §2.2):
 * every stage runs m micro-batches, and fill plus drain add p−1 stage steps, a bubble of
 * (p−1)/m. The last stage also projects onto the vocabulary, so it sets the pace. Nothing is
 * assumed to overlap: Megatron's tensor-parallel all-reduces and the pipeline's sends block
 * the computation, and the data-parallel gradient reduction runs after the pipeline flush
 * (as in DeepSpeed's pipeline engine, which MT-NLG used).
 */
public final class TimeModel {
  private TimeModel() {}

  public static IterationTime predict(GptConfig model, ClusterSpec cluster, Layout layout,
      int globalBatch) {
    return predict(model, cluster, layout, globalBatch, Assumptions.LAYER_EFFICIENCY);
  }

  /** As above, at a given fraction of peak for the layers (the calibration solves for it). */
  static IterationTime predict(GptConfig model, ClusterSpec cluster, Layout layout,
      int globalBatch, double layerEfficiency) {
    int m = layout.microBatches(globalBatch);
    int b = layout.microBatch();
    double layersPerStage = (double) model.layers() / layout.pp();
    double rankFlops = layout.tp() * cluster.peakFlopsPerGpu() * layerEfficiency;

    double layerSeconds = MegatronFlops.layer(model, b, layout.recompute()) / rankFlops;
    double logitSeconds = MegatronFlops.logits(model, b) / rankFlops;
    double layerAllReduces = Assumptions.tensorParallelAllReducesPerLayer(layout.recompute())
        * Collectives.allReduceSeconds(MemoryModel.layerInputBytes(model, b), layout.tp(),
            cluster.nvlinkBytesPerSecPerGpu());
    double transferSeconds = layout.pp() == 1 ? 0 : pipelineTransferSeconds(model, cluster,
        layout);

    double ordinaryStep = layersPerStage * (layerSeconds + layerAllReduces) + transferSeconds;
    return new IterationTime(
        m * (layersPerStage * layerSeconds + logitSeconds),
        m * layersPerStage * layerAllReduces,
        m * transferSeconds,
        (layout.pp() - 1) * ordinaryStep,
        dataParallelSeconds(model, cluster, layout));
  }

  /**
   * One stage step sends one activation forward and one gradient backward between nodes. Each
   * tensor-parallel rank sends only its 1/tp slice over its own InfiniBand adapter and the
   * receiver all-gathers over NVLink (the scatter/gather optimisation, Narayanan et al. 2021
   * §4.1; the all-gather is left out, it is NVLink-fast next to the InfiniBand hop). Stages are
   * taken to sit on different nodes, which is exact when tp fills a node and conservative
   * otherwise.
   */
  static double pipelineTransferSeconds(GptConfig model, ClusterSpec cluster, Layout layout) {
    double sliceBytes = MemoryModel.layerInputBytes(model, layout.microBatch()) / layout.tp();
    return 2 * sliceBytes
        / (cluster.infinibandBytesPerSecPerGpu() * Assumptions.COLLECTIVE_EFFICIENCY);
  }

  /**
   * The data-parallel group reduces each GPU's gradients once per iteration (in the precision
   * {@link Assumptions#REDUCED_GRADIENT_BYTES} names): a ring all-reduce, or for ZeRO-1/2 a
   * reduce-scatter plus an all-gather of the updated weights, the same volume; ZeRO-3
   * all-gathers the weights once more for the backward pass (1.5x, Rajbhandari et al. 2020
   * §7). Ranks are ordered tp, then dp, then pp (Megatron), so the group stays inside a node,
   * on NVLink, only while tp·dp fits in one.
   */
  static double dataParallelSeconds(GptConfig model, ClusterSpec cluster, Layout layout) {
    double gradientBytes =
        MemoryModel.parametersPerGpu(model, layout) * Assumptions.REDUCED_GRADIENT_BYTES;
    boolean insideNode = layout.tp() * layout.dp() <= cluster.gpusPerNode();
    double bandwidth = insideNode ? cluster.nvlinkBytesPerSecPerGpu()
        : cluster.infinibandBytesPerSecPerGpu();
    double seconds = Collectives.allReduceSeconds(gradientBytes, layout.dp(), bandwidth);
    return layout.zeroStage() == 3 ? 1.5 * seconds : seconds;
  }
}
