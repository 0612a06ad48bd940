package dev.winnow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  private final LrSchedule s = new LrSchedule(1e-3, 1000, 11000, 0.1);

  @Test
  void warmsUpLinearlyInTokens() {
    assertEquals(0.0, s.at(0), 0.0);
    assertEquals(0.5e-3, s.at(500), 1e-15);
    assertEquals(1e-3, s.at(1000), 1e-15);
  }

  @Test
  void decaysByCosineToTenPercent() {
    assertEquals(0.55e-3, s.at(6000), 1e-15); // half-way: min + (peak − min)/2
    assertTrue(s.at(8000) < s.at(7000));
    assertEquals(1e-4, s.at(11000), 1e-15);
    assertEquals(1e-4, s.at(50000), 1e-15);
  }

  @Test
  void lossScalerSkipsAndHalvesOnOverflowWhenDynamic() {
    LossScaler d = new LossScaler(1024, true);
    assertEquals(false, d.update(true));
    assertEquals(512, d.scale(), 0.0);
    assertEquals(true, d.update(false));
    assertThrows(IllegalStateException.class, () -> new LossScaler(1, false).update(true));
  }
}
