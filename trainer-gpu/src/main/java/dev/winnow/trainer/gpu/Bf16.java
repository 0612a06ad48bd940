package dev.winnow.trainer.gpu;

/** bf16 rounding on the host, bit-identical to the pack kernel's {@code __float2bfloat16_rn}. */
final class Bf16 {
  private Bf16() {}

  /** x rounded to the nearest bf16 (ties to even), returned as the float it represents. */
  static float round(float x) {
    int bits = Float.floatToRawIntBits(x);
    return Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
  }
}
