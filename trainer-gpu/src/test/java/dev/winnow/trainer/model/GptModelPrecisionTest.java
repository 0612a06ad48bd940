package dev.winnow.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.cpu.CpuBackend;
import dev.winnow.trainer.parallel.Communicator;
import org.junit.jupiter.api.Test;

/** The same model and batch in FP64, FP32 and emulated BF16 give the same loss up to rounding. */
class GptModelPrecisionTest {

  @Test
  void fp32AndBf16LossesTrackFp64() {
    double fp64 = loss(Precision.FP64);
    double fp32 = loss(Precision.FP32);
    double bf16 = loss(Precision.BF16);
    assertEquals(fp64, fp32, 1e-5 * fp64);
    assertEquals(fp64, bf16, 1e-2 * fp64);
    assertNotEquals(fp32, bf16, "BF16 must round the matmul operands");
  }

  private static double loss(Precision p) {
    GptConfig config = TinyModels.tiny();
    try (Backend b = new CpuBackend(p, 2)) {
      GptModel model = new GptModel(b, config, ModelShard.whole(config), 3, Communicator.solo());
      model.initialize(4);
      return model.forward(model.newActivations(), TinyModels.windows(config, 3, 8), null, 1.0,
          false);
    }
  }
}
