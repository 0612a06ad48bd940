package dev.winnow.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.model.GptConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memory arithmetic on a model small enough to check by hand. */
class MemoryModelTest {
  // 4 layers, h=64, 4 heads, s=32, vocab 100 padded to 128.
  static final GptConfig TINY = new GptConfig("tiny", 4, 64, 4, 32, 100, 128);
  static final int BATCH = 8;

  static Layout tinyLayout(boolean recompute, int zeroStage) {
    return new Layout(2, 2, 2, 1, recompute, zeroStage);
  }

  @Test
  void parametersOfTheFirstStageByHand() {
    // 2 layers x (12·64² + 13·64) / tp 2 = 49,984; token embedding 128·64 / 2 = 4,096;
    // position embedding 32·64 = 2,048 (replicated).
    assertEquals(49_984 + 4_096 + 2_048, MemoryModel.parametersPerGpu(TINY, tinyLayout(true, 0)));
  }

  @ParameterizedTest(name = "ZeRO-{0}: {1} + {2} + {3} bytes")
  @CsvSource({
    // 56,128 parameters: weights 2 B, gradients 2 B, optimizer 16 B; dp = 2 halves what's sharded.
    "0, 112256, 112256, 898048",
    "1, 112256, 112256, 449024",
    "2, 112256, 56128, 449024",
    "3, 56128, 56128, 449024"})
  void zeroShardsWhatItsStageSays(int stage, double weights, double gradients, double optimizer) {
    MemoryEstimate m = MemoryModel.estimate(TINY, tinyLayout(true, stage), BATCH);
    assertEquals(weights, m.weights());
    assertEquals(gradients, m.gradients());
    assertEquals(optimizer, m.optimizer());
  }

  @Test
  void activationsWithAndWithoutRecomputationByHand() {
    // m = 8 / (dp 2 · micro-batch 1) = 4; in flight on stage 1: min(pp 2, 4) = 2.
    // One layer, all activations: s·b·h·(10 + 24/t + 5·a·s/(h·t)) = 2048·(10 + 12 + 5) = 55,296.
    // A layer's input (or the stage's output): 2·s·b·h = 4,096.
    assertEquals(55_296, MemoryModel.layerActivationBytes(TINY, 1, 2));
    // Recompute: 2 in flight x (2 layer inputs + 1 stage output) x 4,096 + one layer 55,296.
    assertEquals(2 * 3 * 4_096 + 55_296,
        MemoryModel.estimate(TINY, tinyLayout(true, 0), BATCH).activations());
    // None: 2 in flight x (2 layers x 55,296 + stage output 4,096).
    assertEquals(2 * (2 * 55_296 + 4_096),
        MemoryModel.estimate(TINY, tinyLayout(false, 0), BATCH).activations());
  }

  @Test
  void fewerMicroBatchesThanStagesBoundWhatIsInFlight() {
    // Global batch 2 over dp 2: one micro-batch, so only one is ever in flight.
    assertEquals(3 * 4_096 + 55_296,
        MemoryModel.estimate(TINY, tinyLayout(true, 0), 2).activations());
  }

  @Test
  void mtNlgDoesNotFitOnOneGpu() {
    GptConfig mtNlg = GptConfig.named("mt-nlg-530b");
    ClusterSpec a100 = ClusterSpec.named("dgx-a100-80g");
    MemoryEstimate one = MemoryModel.estimate(mtNlg, new Layout(1, 1, 1, 1, true, 0), 1920);
    // 20 bytes for each of 529.6B parameters (the final LayerNorm's 2h aside): 10.59 TB,
    // 123 times an 80 GiB A100.
    assertEquals(20.0 * mtNlg.parameters(), one.modelStates(), 20.0 * 2 * mtNlg.hidden());
    assertEquals(10.59e12, one.modelStates(), 0.01e12);
    assertTrue(one.total() / a100.gpuMemoryBytes() > 123, "ratio " + one.total()
        / a100.gpuMemoryBytes());
    assertTrue(Planner.rank(mtNlg, a100, 1, 8, 3).isEmpty(), "not even ZeRO-3 on one node");
  }
}
