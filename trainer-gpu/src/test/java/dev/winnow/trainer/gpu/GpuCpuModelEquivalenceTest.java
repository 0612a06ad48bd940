package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.GpuTestSupport.assumeGpu;
import static dev.winnow.trainer.gpu.GpuTestSupport.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.cpu.CpuBackend;
import dev.winnow.trainer.model.Activations;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.model.GptModel;
import dev.winnow.trainer.model.ModelShard;
import dev.winnow.trainer.model.TinyModels;
import dev.winnow.trainer.parallel.Communicator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trainer's model ({@link GptModel}) on the GPU backend against the CPU reference backend:
 * same weights, same batch (with a loss mask), one forward and backward. FP32 against FP32 must
 * agree to fp32 rounding; the GPU's bf16 tensor-core products against the CPU's bf16-rounded
 * operands to bf16 rounding.
 */
class GpuCpuModelEquivalenceTest {
  // GPT-2's vocabulary (padded to 50304) so the vocabulary edge and padded columns are exercised;
  // 2 layers, hidden 128, 4 heads of 32, 64 positions.
  private static final GptConfig MODEL = new GptConfig("equivalence", 2, 128, 4, 64,
      GptConfig.GPT2_VOCAB, GptConfig.padVocab(GptConfig.GPT2_VOCAB, 128));
  private static final int BATCH = 3;

  private record Pass(double loss, double[] gradients) {}

  @Test
  void fp32LossAndGradientsMatchTheCpuBackend() {
    assumeGpu();
    Pass cpu = pass(new CpuBackend(Precision.FP32, 2));
    Pass gpu = pass(new CudaBackend(Precision.FP32, 1L << 30));
    assertEquals(cpu.loss(), gpu.loss(), 1e-5 * Math.abs(cpu.loss()), "loss");
    double err = relativeError("fp32 gradients", gpu.gradients(), cpu.gradients());
    assertTrue(err < 1e-4, "fp32 gradients differ by " + err);
  }

  @Test
  void bf16LossAndGradientsMatchTheCpuBackendsBf16Emulation() {
    assumeGpu();
    Pass cpu = pass(new CpuBackend(Precision.BF16, 2));
    Pass gpu = pass(new CudaBackend(Precision.BF16, 1L << 30, false));  // probabilities kept
    assertEquals(cpu.loss(), gpu.loss(), 1e-2 * Math.abs(cpu.loss()), "loss");
    double err = relativeError("bf16 gradients", gpu.gradients(), cpu.gradients());
    assertTrue(err < 5e-2, "bf16 gradients differ by " + err);
  }

  @Test
  void bf16FlashAttentionLossAndGradientsMatchTheCpuBackend() {
    assumeGpu();
    Pass cpu = pass(new CpuBackend(Precision.BF16, 2, AttentionState.LOG_SUM_EXP));
    Pass gpu = pass(new CudaBackend(Precision.BF16, 1L << 30, true));
    assertEquals(cpu.loss(), gpu.loss(), 1e-2 * Math.abs(cpu.loss()), "loss");
    double err = relativeError("bf16 flash gradients", gpu.gradients(), cpu.gradients());
    assertTrue(err < 5e-2, "bf16 flash-attention gradients differ by " + err);
  }

  private static Pass pass(Backend backend) {
    try (backend) {
      GptModel model = new GptModel(backend, MODEL, ModelShard.whole(MODEL), BATCH,
          Communicator.solo());
      model.initialize(7);
      model.zeroGradients();
      int[][] windows = TinyModels.windows(MODEL, BATCH, 11);
      float[][] mask = new float[BATCH][MODEL.seqLen()];
      Random r = new Random(3);
      for (float[] row : mask) {
        for (int t = 0; t < row.length; t++) {
          row[t] = r.nextInt(10) == 0 ? 0f : 1f;
        }
      }
      Activations a = model.newActivations();
      double loss = model.forward(a, windows, mask, 1.0, true);
      model.backward(a, null);
      return new Pass(loss, backend.download(model.gradients()));
    }
  }
}
