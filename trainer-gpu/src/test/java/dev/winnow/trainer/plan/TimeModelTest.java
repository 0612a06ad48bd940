package dev.winnow.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.winnow.trainer.model.GptConfig;
import org.junit.jupiter.api.Test;

/**
 * Iteration time by hand on the tiny model of {@link MemoryModelTest} and a cluster with round
 * numbers, at layer efficiency 1 (collectives at {@link Assumptions#COLLECTIVE_EFFICIENCY}).
 */
class TimeModelTest {
  static final GptConfig TINY = MemoryModelTest.TINY;
  // 8 GPUs a node, 1 TFLOP/s, 1 GiB, NVLink 1 GB/s, InfiniBand 0.1 GB/s.
  static final ClusterSpec ROUND = new ClusterSpec("round", 8, 1e12, 1L << 30, 1e9, 1e8);
  static final double LINK = Assumptions.COLLECTIVE_EFFICIENCY;
  static final double TOLERANCE = 1e-12;

  static IterationTime tiny(Layout layout, ClusterSpec cluster) {
    return TimeModel.predict(TINY, cluster, layout, 8, 1.0);
  }

  @Test
  void flopsOfTheTinyModelByHand() {
    // 4 forwards x 24·s·h²·(1 + s/6h) = 96 · 32 · 4096 · (1 + 32/384) = 13,631,488.
    assertEquals(13_631_488, MegatronFlops.layer(TINY, 1, true), 1e-6);
    assertEquals(13_631_488 * 3 / 4, MegatronFlops.layer(TINY, 1, false), 1e-6);
    // 6 · s · h · V = 6 · 32 · 64 · 128.
    assertEquals(1_572_864, MegatronFlops.logits(TINY, 1));
    // 96·B·s·l·h²·(1 + s/6h + V/16lh), the paper's formula, for B = 8.
    double s = 32;
    double h = 64;
    double l = 4;
    double formula = 96 * 8 * s * l * h * h * (1 + s / (6 * h) + 128 / (16 * l * h));
    assertEquals(formula, MegatronFlops.iteration(TINY, 8, true), 1e-3);
  }

  @Test
  void eachTermOfA2x2x2LayoutByHand() {
    // tp=2 pp=2 dp=2, micro-batch 1, recompute; m = 8 / 2 = 4; 2 layers a stage.
    IterationTime t = tiny(new Layout(2, 2, 2, 1, true, 0), ROUND);
    double layer = 13_631_488 / 2e12; // per rank at tp · 1 TFLOP/s
    double logits = 1_572_864 / 2e12;
    // 6 all-reduces of 2·s·h = 4096 bytes over tp=2: 2·(1/2)·4096 bytes each over NVLink.
    double allReduces = 6 * 4096 / (1e9 * LINK);
    // Forward and backward sends of 4096 / tp bytes over InfiniBand.
    double sends = 2 * 2048 / (1e8 * LINK);
    assertEquals(4 * (2 * layer + logits), t.compute(), TOLERANCE);
    assertEquals(4 * 2 * allReduces, t.tensorParallel(), TOLERANCE);
    assertEquals(4 * sends, t.pipelineTransfers(), TOLERANCE);
    assertEquals(1 * (2 * (layer + allReduces) + sends), t.bubble(), TOLERANCE);
    // 56,128 parameters x 4-byte gradients, all-reduced over dp=2 (2·(1/2) of the buffer);
    // tp·dp = 4 GPUs fit in a node, so NVLink.
    assertEquals(56_128 * 4 / (1e9 * LINK), t.dataParallel(), TOLERANCE);
  }

  @Test
  void dataParallelGroupsSpanningNodesUseInfiniBandAndZero3CostsHalfAgainAsMuch() {
    ClusterSpec twoPerNode = new ClusterSpec("two", 2, 1e12, 1L << 30, 1e9, 1e8);
    Layout layout = new Layout(2, 2, 2, 1, true, 0);
    double overInfiniBand = 56_128 * 4 / (1e8 * LINK);
    assertEquals(overInfiniBand, tiny(layout, twoPerNode).dataParallel(), TOLERANCE);
    Layout zero3 = new Layout(2, 2, 2, 1, true, 3);
    assertEquals(1.5 * overInfiniBand, tiny(zero3, twoPerNode).dataParallel(), TOLERANCE);
  }

  @Test
  void oneGpuHasNoCommunicationAndNoBubble() {
    IterationTime t = tiny(new Layout(1, 1, 1, 1, false, 0), ROUND);
    assertEquals(0, t.tensorParallel() + t.pipelineTransfers() + t.bubble() + t.dataParallel());
    // 8 micro-batches of 4 layers and the logits, no recomputation.
    assertEquals(8 * (4 * 13_631_488 * 3 / 4 + 1_572_864) / 1e12, t.total(), TOLERANCE);
  }
}
