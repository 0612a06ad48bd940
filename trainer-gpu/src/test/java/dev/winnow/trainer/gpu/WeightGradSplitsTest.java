package dev.winnow.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The split-K factor rule for weight gradients on the wgmma kernel (no GPU). */
class WeightGradSplitsTest {
  private static final int H100_SMS = 132;

  @Test
  void gpt2WeightGradientsGetTheFactorsThatMeasuredFastest() {
    // 128x256 tiles of GPT-2 124M's weight gradients, 8192 rows (most = 8)
    assertEquals(2, CudaBackend.splitsFillingWaves(18 * 3, H100_SMS, 8), "qkv 2304x768");
    assertEquals(4, CudaBackend.splitsFillingWaves(24 * 3, H100_SMS, 8), "fc 3072x768");
    assertEquals(4, CudaBackend.splitsFillingWaves(6 * 12, H100_SMS, 8), "proj 768x3072");
    assertEquals(4, CudaBackend.splitsFillingWaves(6 * 3, H100_SMS, 8), "attn proj 768x768");
    assertEquals(1, CudaBackend.splitsFillingWaves(393 * 3, H100_SMS, 8), "lm head 50304x768");
  }

  @Test
  void fullGridsAreNotSplitAndTheRowsBoundTheFactor() {
    assertEquals(1, CudaBackend.splitsFillingWaves(H100_SMS, H100_SMS, 8));
    assertEquals(1, CudaBackend.splitsFillingWaves(18, H100_SMS, 1));
    assertEquals(2, CudaBackend.splitsFillingWaves(18, H100_SMS, 2));
    // 70% reached at once: the smallest factor that reaches it
    assertEquals(1, CudaBackend.splitsFillingWaves(100, H100_SMS, 8));
    assertEquals(2, CudaBackend.splitsFillingWaves(60, H100_SMS, 8));
    // never reached: the fullest, the smaller factor on ties (1 tile: 1, 2, 4, 8 blocks)
    assertEquals(8, CudaBackend.splitsFillingWaves(1, H100_SMS, 8));
  }
}
