package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What {@code plan} prints: the setting, the one-GPU memory argument, the choice, the ranking. */
final class PlanReport {
  private final PrintWriter out;
  private final GptConfig model;
  private final ClusterSpec cluster;
  private final int nodes;
  private final int globalBatch;

  PlanReport(PrintWriter out, GptConfig model, ClusterSpec cluster, int nodes,
      int globalBatch) {
    this.out = out;
    this.model = model;
    this.cluster = cluster;
    this.nodes = nodes;
    this.globalBatch = globalBatch;
  }

  void header(int zeroStage) {
    line("model %s: %d layers, hidden %d, %d heads, seq %d, vocab %d (%.1fB parameters)",
        model.name(), model.layers(), model.hidden(), model.heads(), model.seqLen(),
        model.paddedVocab(), model.parameters() / 1e9);
    line("cluster %s: %d nodes x %d GPUs = %d GPUs; %.0f TFLOP/s, %.1f GB each; NVLink %.0f GB/s, "
            + "InfiniBand %.0f GB/s per GPU each way",
        cluster.name(), nodes, cluster.gpusPerNode(), nodes * cluster.gpusPerNode(),
        cluster.peakFlopsPerGpu() / 1e12, cluster.gpuMemoryBytes() / 1e9,
        cluster.nvlinkBytesPerSecPerGpu() / 1e9, cluster.infinibandBytesPerSecPerGpu() / 1e9);
    line("global batch %d sequences, ZeRO stage %d", globalBatch, zeroStage);
  }

  /** MT-NLG §2.1's argument, with this model's numbers. */
  void singleGpuArgument() {
    double states = (double) model.parameters() * ModelStateBytes.TOTAL;
    double checkpoints = (double) globalBatch * model.seqLen() * model.hidden() * model.layers()
        * Assumptions.ACTIVATION_BYTES;
    double gpu = cluster.gpuMemoryBytes();
    out.println();
    line("memory on one GPU:");
    line("  weights, gradients and optimizer states: %.1fB parameters x %d bytes = %.2f TB, "
        + "%.0fx one GPU's %.1f GB", model.parameters() / 1e9, ModelStateBytes.TOTAL,
        states / 1e12, states / gpu, gpu / 1e9);
    line("  activations of one batch, even keeping only each layer's input: %d x %d x %d x %d "
        + "layers x %d bytes = %.2f TB", globalBatch, model.seqLen(), model.hidden(),
        model.layers(), Assumptions.ACTIVATION_BYTES, checkpoints / 1e12);
  }

  void chosen(PlannedLayout best) {
    Layout l = best.layout();
    IterationTime t = best.time();
    MemoryEstimate m = best.memory();
    int microBatches = l.microBatches(globalBatch);
    out.println();
    line("chosen layout: tp=%d pp=%d dp=%d (micro-batch %d, recomputation %s)", l.tp(), l.pp(),
        l.dp(), l.microBatch(), l.recompute() ? "full" : "none");
    line("  predicted iteration time: %.1f s (compute %.1f, tensor-parallel all-reduce %.1f, "
            + "pipeline sends %.1f, bubble %.1f, data-parallel gradients %.1f)",
        t.total(), t.compute(), t.tensorParallel(), t.pipelineTransfers(), t.bubble(),
        t.dataParallel());
    line("  pipeline: m = %d micro-batches per replica, bubble (p-1)/m = %.3f", microBatches,
        (double) (l.pp() - 1) / microBatches);
    line("  predicted model FLOP/s per GPU: %.0f TFLOP/s (Megatron count, %s)",
        tflops(best), l.recompute() ? "96·B·s·l·h²·(1 + s/6h + V/16lh)"
            : "72·B·s·l·h²·(1 + s/6h) + 6·B·s·h·V, no recomputation");
    line("  memory per GPU (first stage): weights %.1f GB + gradients %.1f GB + optimizer "
            + "states %.1f GB + activations %.1f GB = %.1f GB of %.1f GB usable",
        m.weights() / 1e9, m.gradients() / 1e9, m.optimizer() / 1e9, m.activations() / 1e9,
        m.total() / 1e9, Planner.usableMemory(cluster) / 1e9);
  }

  void ranking(List<PlannedLayout> ranked, int top) {
    out.println();
    line("layouts that fit, fastest first (%d of them):", ranked.size());
    line("  %4s %4s %4s %5s %5s %9s %8s %8s %8s", "rank", "tp", "pp", "dp", "mb",
        "recompute", "time_s", "TFLOP/s", "mem_GB");
    for (int i = 0; i < Math.min(top, ranked.size()); i++) {
      PlannedLayout p = ranked.get(i);
      Layout l = p.layout();
      line("  %4d %4d %4d %5d %5d %9s %8.1f %8.0f %8.1f", i + 1, l.tp(), l.pp(), l.dp(),
          l.microBatch(), l.recompute() ? "full" : "none", p.time().total(), tflops(p),
          p.memory().total() / 1e9);
    }
  }

  private double tflops(PlannedLayout p) {
    return MegatronFlops.perGpu(model, globalBatch, p.layout().recompute(), p.time().total(),
        p.layout().gpus()) / 1e12;
  }

  private void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
