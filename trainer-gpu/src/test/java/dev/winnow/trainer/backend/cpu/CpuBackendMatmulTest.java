package dev.winnow.trainer.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked, threaded matrix products against naive triple loops. */
class CpuBackendMatmulTest {
  // Odd sizes: not multiples of the vector width, the 4-column block or the tiles.
  private static final int N = 37;
  private static final int C = 70;
  private static final int OC = 45;

  @Test
  void forwardAndBackwardMatchNaiveLoopsInFp64() {
    check(Precision.FP64, 1e-12);
  }

  @Test
  void forwardAndBackwardMatchNaiveLoopsInFp32() {
    check(Precision.FP32, 1e-4);
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    float[] one = forwardAndGradients(Precision.FP32, 1);
    float[] three = forwardAndGradients(Precision.FP32, 3);
    assertArrayEquals(one, three, 0f);
  }

  @Test
  void bf16RoundsOperandsToEightMantissaBits() {
    assertEquals(1.0f, Bfloat16.round(1.0f + 1e-3f));
    assertEquals(1.0078125f, Bfloat16.round(1.0078125f));
    try (Backend b = new CpuBackend(Precision.BF16, 1)) {
      Tensor out = b.allocate("out", 1);
      Tensor x = b.allocate("x", 1);
      Tensor w = b.allocate("w", 1);
      b.upload(x, new float[] {1.001f});
      b.upload(w, new float[] {3f});
      b.matmulForward(out, x, w, null, 1, 1, 1);
      assertEquals(3.0, b.download(out)[0], 0.0);
    }
  }

  private static void check(Precision p, double tol) {
    Random r = new Random(1);
    double[] x = random(r, N * C);
    double[] w = random(r, OC * C);
    double[] bias = random(r, OC);
    double[] dy = random(r, N * OC);
    double[] dw0 = random(r, OC * C);
    try (Backend b = new CpuBackend(p, 2)) {
      Tensor tx = up(b, "x", x);
      Tensor tw = up(b, "w", w);
      Tensor tb = up(b, "b", bias);
      Tensor tdy = up(b, "dy", dy);
      Tensor tdw = up(b, "dw", dw0);
      Tensor tdb = b.allocate("db", OC);
      Tensor tdx = b.allocate("dx", N * C);
      Tensor out = b.allocate("out", N * OC);
      b.matmulForward(out, tx, tw, tb, N, C, OC);
      b.matmulBackward(tdx, tdw, tdb, tdy, tx, tw, N, C, OC);
      double[] expOut = new double[N * OC];
      double[] expDx = new double[N * C];
      double[] expDw = dw0.clone();
      double[] expDb = new double[OC];
      for (int n = 0; n < N; n++) {
        for (int o = 0; o < OC; o++) {
          double s = bias[o];
          for (int c = 0; c < C; c++) {
            s += x[n * C + c] * w[o * C + c];
            expDx[n * C + c] += dy[n * OC + o] * w[o * C + c];
            expDw[o * C + c] += dy[n * OC + o] * x[n * C + c];
          }
          expOut[n * OC + o] = s;
          expDb[o] += dy[n * OC + o];
        }
      }
      assertArrayEquals(expOut, b.download(out), tol);
      assertArrayEquals(expDx, b.download(tdx), tol);
      assertArrayEquals(expDw, b.download(tdw), tol);
      assertArrayEquals(expDb, b.download(tdb), tol);
    }
  }

  private static float[] forwardAndGradients(Precision p, int threads) {
    Random r = new Random(2);
    try (Backend b = new CpuBackend(p, threads)) {
      Tensor tx = up(b, "x", random(r, N * C));
      Tensor tw = up(b, "w", random(r, OC * C));
      Tensor tdy = up(b, "dy", random(r, N * OC));
      Tensor out = b.allocate("out", N * OC);
      Tensor tdx = b.allocate("dx", N * C);
      Tensor tdw = b.allocate("dw", OC * C);
      b.matmulForward(out, tx, tw, null, N, C, OC);
      b.matmulBackward(tdx, tdw, null, tdy, tx, tw, N, C, OC);
      float[] all = new float[N * OC + N * C + OC * C];
      System.arraycopy(b.downloadFloats(out), 0, all, 0, N * OC);
      System.arraycopy(b.downloadFloats(tdx), 0, all, N * OC, N * C);
      System.arraycopy(b.downloadFloats(tdw), 0, all, N * OC + N * C, OC * C);
      return all;
    }
  }

  static double[] random(Random r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    return a;
  }

  static Tensor up(Backend b, String name, double[] values) {
    Tensor t = b.allocate(name, values.length);
    b.upload(t, values);
    return t;
  }
}
