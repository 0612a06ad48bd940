package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.GpuTestSupport.asFloats;
import static dev.winnow.trainer.gpu.GpuTestSupport.assertClose;
import static dev.winnow.trainer.gpu.GpuTestSupport.assumeGpu;
import static dev.winnow.trainer.gpu.GpuTestSupport.random;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.winnow.trainer.backend.Precision;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wgmma GEMM kernels in each layout and {@link WgmmaSchedule} at sizes that are multiples of
 * nothing (partial tiles in M, N and K; K deep enough to wrap the stage ring several times), with
 * alpha, beta and bias, and batched. The reference multiplies the bf16-rounded operands in double, so the bound is the
 * fp32 accumulation's: a wrong swizzle, descriptor or fragment mapping cannot hide in it. Skipped
 * without a GPU, and on GPUs other than compute capability 9.0 (the kernels are sm_90a code).
 */
class WgmmaGemmTest {
  private static CudaBackend backend;
  private static WgmmaGemm wgmma;
  private static String unsupported;
  private final Random rnd = new Random(System.nanoTime());

  @BeforeAll
  static void open() {
    backend = GpuTestSupport.openOrNull(Precision.BF16);
    if (backend != null) {
      unsupported = WgmmaGemm.unsupportedReason(backend.device());
      if (unsupported == null) {
        wgmma = new WgmmaGemm(backend.device());
      }
    }
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  private static void assumeHopper() {
    assumeGpu();
    assumeTrue(unsupported == null, () -> "wgmma test skipped: " + unsupported);
  }

  @ParameterizedTest
  @EnumSource(GemmLayout.class)
  void oddSizes(GemmLayout layout) {
    assumeHopper();
    for (WgmmaSchedule s : WgmmaSchedule.values()) {
      check(s, layout, 200, 300, 77, 1, false, 0);
      check(s, layout, 129, 257, 40, 1, false, 0);
      check(s, layout, 1, 5, 3, 1, false, 0);
      check(s, layout, 300, 520, 1000, 1, false, 0);
    }
  }

  @ParameterizedTest
  @EnumSource(GemmLayout.class)
  void evenSizesBatched(GemmLayout layout) {
    assumeHopper();
    for (WgmmaSchedule s : WgmmaSchedule.values()) {
      check(s, layout, 256, 512, 768, 1, false, 0);
      check(s, layout, 136, 264, 64, 3, false, 0);
    }
  }

  /**
   * One, two or three blocks each loop over several tiles: the stage ring runs on across tiles
   * (and, ping-pong, the warpgroups alternate over an odd or even number of them, K running
   * several laps of the ring).
   */
  @ParameterizedTest
  @EnumSource(GemmLayout.class)
  void persistentBlocksLoopOverTiles(GemmLayout layout) {
    assumeHopper();
    for (WgmmaSchedule s : WgmmaSchedule.values()) {
      check(s, layout, 300, 520, 1000, 1, false, 1);
      check(s, layout, 300, 520, 1000, 1, false, 2);
      check(s, layout, 260, 600, 200, 2, false, 3);
      check(s, layout, 129, 257, 40, 1, false, 132);
    }
  }

  /** Tiles wholly above the diagonal are skipped (C keeps its values there), both grids. */
  @ParameterizedTest
  @EnumSource(GemmLayout.class)
  void causalSkipsTilesAboveTheDiagonal(GemmLayout layout) {
    assumeHopper();
    for (WgmmaSchedule s : WgmmaSchedule.values()) {
      check(s, layout, 520, 600, 72, 2, true, 0);
      check(s, layout, 520, 600, 72, 2, true, 3);
    }
  }

  /**
   * persistentBlocks: 0 for one block per tile, else that many blocks looping over tiles.
   */
  private void check(WgmmaSchedule schedule, GemmLayout layout, int m, int n, int k, int batches,
      boolean causal, int persistentBlocks) {
    String at = "wgmma " + schedule + " " + layout + " " + m + "x" + n + "x" + k + " x" + batches
        + (causal ? " causal" : "") + " blocks=" + persistentBlocks;
    int aRows = layout.aKMajor ? m : k;
    int aCols = layout.aKMajor ? k : m;
    int bRows = layout.bKMajor ? n : k;
    int bCols = layout.bKMajor ? k : n;
    // Batches stacked as extra rows: entry z of A starts at row z·aRows of the packed matrix.
    double[] a = asFloats(random(rnd, batches * aRows * aCols, 1));
    double[] b = asFloats(random(rnd, batches * bRows * bCols, 1));
    double[] c0 = asFloats(random(rnd, batches * m * n, 1));
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
    GemmOperand pa0 = backend.pack("wgmma.a", ta.pointer(), batches * aRows, aCols);
    GemmOperand pb0 = backend.pack("wgmma.b", tb.pointer(), batches * bRows, bCols);
    GemmOperand pa = new GemmOperand(pa0.base(), 0, pa0.ld(), (long) aRows * pa0.ld(), 0);
    GemmOperand pb = new GemmOperand(pb0.base(), 0, pb0.ld(), (long) bRows * pb0.ld(), 0);
    GemmOperand oc = new GemmOperand(tc.pointer(), 0, n, (long) m * n, 0);
    wgmma.gemm(schedule, layout, m, n, k, pa, pb, oc, tbias, alpha, beta, batches, 1, causal,
        persistentBlocks);
    for (int i = 0; i < a.length; i++) {
      a[i] = Bf16.round((float) a[i]);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = Bf16.round((float) b[i]);
    }
    double[] ref = new double[batches * m * n];
    for (int z = 0; z < batches; z++) {
      int ao = z * aRows * aCols;
      int bo = z * bRows * bCols;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          int o = z * m * n + i * n + j;
          if (causal && j / schedule.bn * schedule.bn > i / schedule.bm * schedule.bm
              + schedule.bm - 1) {
            ref[o] = c0[o];
            continue;
          }
          double acc = 0;
          for (int p = 0; p < k; p++) {
            double av = layout.aKMajor ? a[ao + i * k + p] : a[ao + p * m + i];
            double bv = layout.bKMajor ? b[bo + j * k + p] : b[bo + p * n + j];
            acc += av * bv;
          }
          ref[o] = alpha * acc + beta * c0[o] + bias[j];
        }
      }
    }
    assertClose(at, backend.download(tc), ref, 1e-5);
  }
}
