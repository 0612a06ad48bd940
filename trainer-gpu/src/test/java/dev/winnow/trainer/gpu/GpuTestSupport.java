package dev.winnow.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.winnow.trainer.backend.Precision;
import java.util.Random;

/** Probing, random data and error measures for the GPU tests. */
final class GpuTestSupport {
  /** Probed once per JVM. */
  static final GpuProbe PROBE = CudaDevice.probe();

  private GpuTestSupport() {}

  /** Skips the calling test, saying why, when there is no GPU or no kernels. */
  static void assumeGpu() {
    assumeTrue(PROBE.available(), () -> "GPU test skipped: " + PROBE.description());
  }

  /** A backend with a 1 GiB arena, or null when there is no GPU (tests then skip). */
  static CudaBackend openOrNull(Precision precision) {
    return openOrNull(precision, false);
  }

  static CudaBackend openOrNull(Precision precision, boolean flashAttention) {
    return PROBE.available() ? new CudaBackend(precision, 1L << 30, flashAttention) : null;
  }

  static double[] random(Random r, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (r.nextDouble() * 2 - 1) * scale;
    }
    return x;
  }

  static double[] nan(int n) {
    double[] x = new double[n];
    java.util.Arrays.fill(x, Double.NaN);
    return x;
  }

  /** The float32 rounding of x, for references that start from uploaded values. */
  static double[] asFloats(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) x[i];
    }
    return y;
  }

  /** ‖got − ref‖ / ‖ref‖; fails on any non-finite value (unwritten poison included). */
  static double relativeError(String what, double[] got, double[] ref) {
    if (got.length != ref.length) {
      fail(what + ": " + got.length + " values, expected " + ref.length);
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < got.length; i++) {
      if (!Double.isFinite(got[i])) {
        fail(what + ": element " + i + " is " + got[i] + " (reference " + ref[i] + ")");
      }
      double d = got[i] - ref[i];
      num += d * d;
      den += ref[i] * ref[i];
    }
    return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
  }

  static void assertClose(String what, double[] got, double[] ref, double tolerance) {
    double e = relativeError(what, got, ref);
    assertTrue(e < tolerance, () -> what + ": relative error " + e + " ≥ " + tolerance);
  }

  /** Tolerance for products: fp32 arithmetic, or bf16 operands with fp32 accumulation. */
  static double gemmTolerance(Precision p) {
    return p == Precision.BF16 ? 1e-2 : 1e-5;
  }
}
