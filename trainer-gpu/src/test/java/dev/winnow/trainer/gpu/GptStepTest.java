package dev.winnow.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.cpu.CpuBackend;
import dev.winnow.trainer.model.TinyModels;
import org.junit.jupiter.api.Test;

/** The benchmark's step runs on any backend (here the CPU one) and learns its batch. */
class GptStepTest {
  @Test
  void stepsOnTheCpuBackendLowerTheLoss() {
    try (CpuBackend be = new CpuBackend(Precision.FP32, 2)) {
      GptStep step = new GptStep(be, TinyModels.tiny(), 2, 5);
      double first = step.step(1);
      double last = first;
      for (int s = 2; s <= 20; s++) {
        last = step.step(s);
      }
      assertTrue(Double.isFinite(first) && last < first - 0.1, first + " -> " + last);
    }
  }
}
