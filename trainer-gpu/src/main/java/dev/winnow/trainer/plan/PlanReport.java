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
    line("model %s: %d layers, hidden %d, %d heads, seq %d, vocab %d (%s parameters)",
        model.name(), model.layers(), model.hidden(), model.heads(), model.seqLen(),
        model.paddedVocab(), count(model.parameters()));
    line("cluster %s: %d node%s x %d GPUs = %d GPUs; %.0f TFLOP/s, %.1f GB each; NVLink %.0f "
            + "GB/s, InfiniBand %.0f GB/s per GPU each way",
        cluster.name(), nodes, nodes == 1 ? "" : "s", cluster.gpusPerNode(),
        nodes * cluster.gpusPerNode(),
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
    line("  weights, gradients and optimizer states: %s parameters x %d bytes = %s, %s",
        count(model.parameters()), ModelStateBytes.TOTAL, bytes(states), shareOf(states, gpu));
    line("  activations of one batch, even keeping only each layer's input: %d x %d x %d x %d "
        + "layers x %d bytes = %s, %s", globalBatch, model.seqLen(), model.hidden(),
        model.layers(), Assumptions.ACTIVATION_BYTES, bytes(checkpoints),
        shareOf(checkpoints, gpu));
  }

  void chosen(PlannedLayout best) {
    Layout l = best.layout();
    IterationTime t = best.time();
    MemoryEstimate m = best.memory();
    int microBatches = l.microBatches(globalBatch);
    out.println();
    line("chosen layout: tp=%d pp=%d dp=%d (micro-batch %d, recomputation %s)", l.tp(), l.pp(),
        l.dp(), l.microBatch(), l.recompute() ? "full" : "none");
    line("  predicted iteration time: %.3g s (compute %.3g, tensor-parallel all-reduce %.3g, "
            + "pipeline sends %.3g, bubble %.3g, data-parallel gradients %.3g)",
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
    line("  %4s %4s %4s %5s %5s %9s %9s %8s %8s", "rank", "tp", "pp", "dp", "mb",
        "recompute", "time_s", "TFLOP/s", "mem_GB");
    for (int i = 0; i < Math.min(top, ranked.size()); i++) {
      PlannedLayout p = ranked.get(i);
      Layout l = p.layout();
      line("  %4d %4d %4d %5d %5d %9s %9.3g %8.0f %8.1f", i + 1, l.tp(), l.pp(), l.dp(),
          l.microBatch(), l.recompute() ? "full" : "none", p.time().total(), tflops(p),
          p.memory().total() / 1e9);
    }
  }

  private double tflops(PlannedLayout p) {
    return MegatronFlops.perGpu(model, globalBatch, p.layout().recompute(), p.time().total(),
        p.layout().gpus()) / 1e12;
  }

  /** "123x one GPU's 85.9 GB" above one GPU, "4.2% of one GPU's 85.9 GB" below. */
  private static String shareOf(double need, double gpu) {
    String of = "one GPU's " + bytes(gpu);
    return need > gpu ? format("%.0fx %s", need / gpu, of)
        : format("%.1f%% of %s", 100 * need / gpu, of);
  }

  /** Decimal units, as GPU datasheets and the papers quote memory. */
  static String bytes(double b) {
    if (b >= 1e12) {
      return format("%.2f TB", b / 1e12);
    }
    return b >= 1e9 ? format("%.1f GB", b / 1e9) : format("%.1f MB", b / 1e6);
  }

  static String count(long n) {
    return n >= 1e9 ? format("%.1fB", n / 1e9) : format("%.1fM", n / 1e6);
  }

  private static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private void line(String format, Object... args) {
    out.println(format(format, args));
  }
}
