package dev.winnow.trainer.backend.cpu;

/** Rounding of floats to bfloat16 (8 exponent, 7 mantissa bits), kept in a float. */
final class Bfloat16 {
  private Bfloat16() {}

  /** {@code x} rounded to the nearest bfloat16, ties to even; NaN stays NaN. */
  static float round(float x) {
    if (Float.isNaN(x)) {
      return x;
    }
    int bits = Float.floatToRawIntBits(x);
    int lsb = (bits >>> 16) & 1;
    bits += 0x7FFF + lsb;
    return Float.intBitsToFloat(bits & 0xFFFF0000);
  }
}
