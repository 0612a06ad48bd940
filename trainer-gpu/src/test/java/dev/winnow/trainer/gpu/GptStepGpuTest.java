package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.GpuTestSupport.assertClose;
import static dev.winnow.trainer.gpu.GpuTestSupport.assumeGpu;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.model.GptConfig;
import org.junit.jupiter.api.Test;

/**
 * Whole training steps of a small GPT on the GPU: the BF16 backend's loss and gradients track
 * the FP32 backend's on the same batch and weights, and repeated steps on one batch lower the
 * loss (the composition of all ops learns).
 */
class GptStepGpuTest {
  // 2 layers, hidden 64, 4 heads of 16 (tensor-core attention), 48 positions, vocabulary 300
  // padded to 304.
  private static final GptConfig TINY = new GptConfig("tiny", 2, 64, 4, 48, 300, 304);

  @Test
  void bf16TracksFp32AndStepsLearn() {
    assumeGpu();
    double[] lossesFp32 = new double[12];
    double[] gradsFp32;
    try (CudaBackend fp32 = new CudaBackend(Precision.FP32, 1L << 30)) {
      GptStep step = new GptStep(fp32, TINY, 3, 42);
      lossesFp32[0] = step.step(1);
      gradsFp32 = fp32.download(step.gradients());
      for (int s = 1; s < lossesFp32.length; s++) {
        lossesFp32[s] = step.step(s + 1);
      }
    }
    double lossBf16;
    double[] gradsBf16;
    try (CudaBackend bf16 = new CudaBackend(Precision.BF16, 1L << 30)) {
      GptStep step = new GptStep(bf16, TINY, 3, 42);
      lossBf16 = step.step(1);
      gradsBf16 = bf16.download(step.gradients());
    }
    double initial = Math.log(TINY.vocab());
    assertTrue(Math.abs(lossesFp32[0] - initial) < 0.5,
        "first loss " + lossesFp32[0] + " should be near ln(vocab) = " + initial);
    assertTrue(Math.abs(lossBf16 - lossesFp32[0]) < 1e-2 * lossesFp32[0],
        "bf16 loss " + lossBf16 + " vs fp32 " + lossesFp32[0]);
    assertClose("bf16 vs fp32 gradients", gradsBf16, gradsFp32, 5e-2);
    double last = lossesFp32[lossesFp32.length - 1];
    assertTrue(last < lossesFp32[0] - 0.05,
        "loss should fall on a repeated batch: " + java.util.Arrays.toString(lossesFp32));
  }
}
