package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.GpuTestSupport.asFloats;
import static dev.winnow.trainer.gpu.GpuTestSupport.assertClose;
import static dev.winnow.trainer.gpu.GpuTestSupport.assumeGpu;
import static dev.winnow.trainer.gpu.GpuTestSupport.random;

import dev.winnow.trainer.backend.Precision;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every GEMM kernel variant (layout × tile, and the fp32 kernel) at sizes that are multiples of
 * nothing, with alpha, beta and bias. The reference multiplies the bf16-rounded operands in
 * double, so the bound is the fp32 accumulation's, far tighter than bf16's 1e-2: a wrong
 * fragment mapping or a lost edge tile cannot hide in it.
 */
class GemmKernelsTest {
  private static CudaBackend backend;
  private final Random rnd = new Random(System.nanoTime());

  @BeforeAll
  static void open() {
    backend = GpuTestSupport.openOrNull(Precision.BF16);
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @ParameterizedTest
  @EnumSource(GemmLayout.class)
  void tensorCoreTilesAtOddSizes(GemmLayout layout) {
    assumeGpu();
    for (GemmKernels.Tile tile : GemmKernels.Tile.values()) {
      check(layout, tile, 200, 300, 77);
      check(layout, tile, 129, 257, 40);
    }
  }

  @ParameterizedTest
  @EnumSource(GemmLayout.class)
  void fp32KernelAtOddSizes(GemmLayout layout) {
    assumeGpu();
    check(layout, null, 200, 300, 77);
    check(layout, null, 1, 5, 3);
  }

  /** tile == null: the fp32 SIMT kernel. */
  private void check(GemmLayout layout, GemmKernels.Tile tile, int m, int n, int k) {
    String at = layout + " " + (tile == null ? "fp32" : "bf16 " + tile) + " " + m + "x" + n + "x" + k;
    int aRows = layout.aKMajor ? m : k;
    int aCols = layout.aKMajor ? k : m;
    int bRows = layout.bKMajor ? n : k;
    int bCols = layout.bKMajor ? k : n;
    double[] a = asFloats(random(rnd, aRows * aCols, 1));
    double[] b = asFloats(random(rnd, bRows * bCols, 1));
    double[] c0 = asFloats(random(rnd, m * n, 1));
    double[] bias = asFloats(random(rnd, n, 1));
    CudaTensor ta = (CudaTensor) backend.allocate("a", a.length);
    CudaTensor tb = (CudaTensor) backend.allocate("b", b.length);
    CudaTensor tc = (CudaTensor) backend.allocate("c", c0.length);
    CudaTensor tbias = (CudaTensor) backend.allocate("bias", n);
    backend.upload(ta, a);
    backend.upload(tb, b);
    backend.upload(tc, c0);
    backend.upload(tbias, bias);
    float alpha = 0.75f;
    float beta = 0.5f;
    GemmOperand oc = GemmOperand.of(tc.pointer(), n);
    if (tile == null) {
      backend.gemmKernels().fp32(layout, m, n, k, GemmOperand.of(ta.pointer(), aCols),
          GemmOperand.of(tb.pointer(), bCols), oc, tbias, alpha, beta, 1, 1, false);
    } else {
      GemmOperand pa = backend.pack("test.a", ta.pointer(), aRows, aCols);
      GemmOperand pb = backend.pack("test.b", tb.pointer(), bRows, bCols);
      backend.gemmKernels().bf16(layout, tile, m, n, k, pa, pb, oc, tbias, alpha, beta, 1, 1,
          false);
      for (int i = 0; i < a.length; i++) {
        a[i] = Bf16.round((float) a[i]);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = Bf16.round((float) b[i]);
      }
    }
    double[] ref = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = 0;
        for (int p = 0; p < k; p++) {
          double av = layout.aKMajor ? a[i * k + p] : a[p * m + i];
          double bv = layout.bKMajor ? b[j * k + p] : b[p * n + j];
          acc += av * bv;
        }
        ref[i * n + j] = alpha * acc + beta * c0[i * n + j] + bias[j];
      }
    }
    assertClose("gemm " + at, backend.download(tc), ref, 1e-5);
  }
}
