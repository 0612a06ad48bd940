package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the layouts that fit in memory by predicted iteration time. Ties (equal times to the
 * last bit, e.g. layouts that differ only in what they cannot affect) go to the layout with
 * less memory per GPU, then smaller tp, pp and micro-batch, recomputation last, so the choice
 * never depends on enumeration order.
 */
public final class Planner {
  private Planner() {}

  static final Comparator<PlannedLayout> FASTEST_FIRST = Comparator
      .comparingDouble((PlannedLayout p) -> p.time().total())
      .thenComparingDouble(p -> p.memory().total())
      .thenComparingInt(p -> p.layout().tp())
      .thenComparingInt(p -> p.layout().pp())
      .thenComparingInt(p -> p.layout().microBatch())
      .thenComparing(p -> p.layout().recompute());

  /** Usable bytes per GPU: its memory less the headroom in {@link Assumptions}. */
  public static double usableMemory(ClusterSpec cluster) {
    return cluster.gpuMemoryBytes() * Assumptions.USABLE_MEMORY_FRACTION;
  }

  public static PlannedLayout evaluate(GptConfig model, ClusterSpec cluster, Layout layout,
      int globalBatch) {
    return new PlannedLayout(layout, MemoryModel.estimate(model, layout, globalBatch),
        TimeModel.predict(model, cluster, layout, globalBatch));
  }

  /** The layouts that fit, fastest first; empty when none does. */
  public static List<PlannedLayout> rank(GptConfig model, ClusterSpec cluster, int nodes,
      int globalBatch, int zeroStage) {
    double usable = usableMemory(cluster);
    return LayoutRules.enumerate(model, cluster, nodes, globalBatch, zeroStage).stream()
        .map(layout -> evaluate(model, cluster, layout, globalBatch))
        .filter(p -> p.memory().total() <= usable)
        .sorted(FASTEST_FIRST)
        .toList();
  }
}
