package dev.winnow.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The host-side bf16 rounding that the GEMM references use must match the device's RNE. */
class Bf16Test {
  @Test
  void roundsToNearestEven() {
    float ulp = (float) Math.pow(2, -7);  // bf16 spacing in [1, 2)
    assertEquals(1f, Bf16.round(1f));
    assertEquals(1f, Bf16.round(1f + ulp / 2), "tie goes to the even mantissa");
    assertEquals(1f + 2 * ulp, Bf16.round(1f + 3 * ulp / 2), "tie goes to the even mantissa");
    assertEquals(1f + ulp, Bf16.round(1f + ulp * 0.75f));
    assertEquals(-1f, Bf16.round(-1f - ulp * 0.25f));
    assertEquals(0f, Bf16.round(0f));
  }
}
