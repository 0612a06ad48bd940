package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Every layout a cluster can run a model with, before memory is checked:
 * <ul>
 *   <li>tp divides the GPUs of a node, so tensor-parallel all-reduces stay on NVLink
 *       (Narayanan et al. 2021 §3.2: tensor parallelism up to the node size), and divides the
 *       attention heads, so each rank owns whole heads;
 *   <li>pp divides the layers, so every stage has the same number of layers;
 *   <li>tp·pp divides the GPUs, and dp is the quotient;
 *   <li>dp·micro-batch divides the global batch, so every replica runs whole micro-batches;
 *   <li>recomputation on or off.
 * </ul>
 */
public final class LayoutRules {
  private LayoutRules() {}

  public static List<Layout> enumerate(GptConfig model, ClusterSpec cluster, int nodes,
      int globalBatch, int zeroStage) {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
    }
    if (globalBatch < 1) {
      throw new IllegalArgumentException("global batch must be >= 1, got " + globalBatch);
    }
    int gpus = Math.multiplyExact(nodes, cluster.gpusPerNode());
    List<Layout> layouts = new ArrayList<>();
    for (int tp : divisors(cluster.gpusPerNode())) {
      if (model.heads() % tp != 0) {
        continue;
      }
      for (int pp : divisors(model.layers())) {
        if (gpus % (tp * pp) != 0) {
          continue;
        }
        int dp = gpus / (tp * pp);
        if (globalBatch % dp != 0) {
          continue;
        }
        for (int microBatch : divisors(globalBatch / dp)) {
          for (boolean recompute : new boolean[] {true, false}) {
            layouts.add(new Layout(tp, pp, dp, microBatch, recompute, zeroStage));
          }
        }
      }
    }
    return layouts;
  }

  /** The divisors of n, ascending. */
  static List<Integer> divisors(int n) {
    List<Integer> d = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (n % i == 0) {
        d.add(i);
      }
    }
    return d;
  }
}
