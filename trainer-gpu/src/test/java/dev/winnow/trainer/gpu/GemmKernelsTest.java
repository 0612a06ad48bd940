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

  /**
   * The causal shortcuts on batched problems laid out as attention's are (batch entry z at
   * (z / 3)·outer + (z % 3)·inner): A lower triangular (probabilities · V), A upper triangular
   * (their transpose), and only the lower triangle of C wanted (scores).
   */
  @ParameterizedTest
  @EnumSource(GemmKernels.Triangle.class)
  void triangularShortcutsOnBatches(GemmKernels.Triangle triangle) {
    assumeGpu();
    int t = 150;  // square A: T x T, more than one tile, not a tile multiple
    int n = 40;
    int outer = 2;
    int inner = 3;
    int batches = outer * inner;
    // NONE and A_LOWER as NN (att·V), A_UPPER as TN (attᵀ·dout), OUTPUT_LOWER as NT (Q·Kᵀ).
    GemmLayout layout = switch (triangle) {
      case A_UPPER -> GemmLayout.TN;
      case OUTPUT_LOWER -> GemmLayout.NT;
      default -> GemmLayout.NN;
    };
    int k = triangle == GemmKernels.Triangle.OUTPUT_LOWER ? n : t;
    int cols = triangle == GemmKernels.Triangle.OUTPUT_LOWER ? t : n;  // C is t x cols
    double[] a = new double[batches * t * k];
    double[] b = asFloats(random(rnd, batches * k * cols, 1));
    for (int i = 0; i < a.length; i++) {
      int r = (i / k) % t;  // stored row
      int col = i % k;      // stored column
      boolean zero = switch (triangle) {
        case A_LOWER -> col > r;   // A(m = r, k = col)
        case A_UPPER -> r < col;   // stored [k = r][m = col]: zero for k < m
        default -> false;
      };
      a[i] = zero ? 0 : (float) (rnd.nextDouble() * 2 - 1);
    }
    double[] c = new double[batches * t * cols];
    java.util.Arrays.fill(c, Double.NaN);
    CudaTensor ta = (CudaTensor) backend.allocate("a", a.length);
    CudaTensor tb = (CudaTensor) backend.allocate("b", b.length);
    CudaTensor tc = (CudaTensor) backend.allocate("c", c.length);
    backend.upload(ta, a);
    backend.upload(tb, b);
    backend.upload(tc, c);
    GemmOperand oc = new GemmOperand(tc.pointer(), 0, cols, (long) inner * t * cols,
        (long) t * cols);
    for (GemmKernels.Tile tile : new GemmKernels.Tile[] {null, GemmKernels.Tile.SMALL,
        GemmKernels.Tile.LARGE}) {
      backend.upload(tc, c);
      if (tile == null) {
        backend.gemmKernels().fp32(layout, t, cols, k, batched(ta.pointer(), k, t, inner),
            batched(tb.pointer(), layout == GemmLayout.NT ? k : cols,
                layout == GemmLayout.NT ? t : k, inner), oc, null, 1f, 0f, batches, inner,
            triangle);
      } else {
        GemmOperand pa = backend.pack("test.a", ta.pointer(), batches * t, k);
        int bRows = layout == GemmLayout.NT ? batches * t : batches * k;
        int bCols = layout == GemmLayout.NT ? k : cols;
        GemmOperand pb = backend.pack("test.b", tb.pointer(), bRows, bCols);
        backend.gemmKernels().bf16(layout, tile, t, cols, k, batched(pa.base(), pa.ld(), t, inner),
            batched(pb.base(), pb.ld(), bRows / batches, inner), oc, null, 1f, 0f, batches, inner,
            triangle);
      }
      double[] got = backend.download(tc);
      double[] ref = new double[c.length];
      for (int z = 0; z < batches; z++) {
        for (int i = 0; i < t; i++) {
          for (int j = 0; j < cols; j++) {
            int at = (z * t + i) * cols + j;
            if (triangle == GemmKernels.Triangle.OUTPUT_LOWER && j > i) {
              got[at] = 0;  // not wanted: unwritten or computed, either is fine
              continue;
            }
            double acc = 0;
            for (int p = 0; p < k; p++) {
              double av = layout.aKMajor ? a[(z * t + i) * k + p] : a[(z * k + p) * t + i];
              double bv = layout == GemmLayout.NT ? b[(z * t + j) * k + p] : b[(z * k + p) * cols + j];
              if (tile != null) {
                av = Bf16.round((float) av);
                bv = Bf16.round((float) bv);
              }
              acc += av * bv;
            }
            ref[at] = acc;
          }
        }
      }
      assertClose("batched " + layout + " " + triangle + " " + (tile == null ? "fp32" : tile), got,
          ref, 1e-5);
    }
  }

  /** Batch entries of {@code rows} rows of {@code ld} elements, stored one after another. */
  private static GemmOperand batched(jcuda.driver.CUdeviceptr base, int ld, int rows, int inner) {
    long entry = (long) rows * ld;
    return new GemmOperand(base, 0, ld, inner * entry, entry);
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
          GemmOperand.of(tb.pointer(), bCols), oc, tbias, alpha, beta, 1, 1,
          GemmKernels.Triangle.NONE);
    } else {
      GemmOperand pa = backend.pack("test.a", ta.pointer(), aRows, aCols);
      GemmOperand pb = backend.pack("test.b", tb.pointer(), bRows, bCols);
      backend.gemmKernels().bf16(layout, tile, m, n, k, pa, pb, oc, tbias, alpha, beta, 1, 1,
          GemmKernels.Triangle.NONE);
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
