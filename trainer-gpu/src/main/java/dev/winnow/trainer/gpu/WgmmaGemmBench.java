package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Precision;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the wgmma GEMM ({@link WgmmaGemm}, persistent grid) on square bf16 problems in each
 * layout and {@link WgmmaSchedule}, then for NT the cooperative schedule's one-block-per-tile
 * grid and the mma.sync kernel's 128x256 tile ({@link GemmKernels}) on the same operands. Random
 * operands packed to bf16 beforehand, 200 ms of warm-up, the median of {@code reps} CUDA-event
 * timings of 1 launch (as torch_matmul.py times) and of 10 back-to-back launches, and
 * ‖C − ref‖/‖ref‖ over 64 sampled outputs against a double reference on the bf16-rounded
 * operands.
 *
 * <pre>java -cp ... dev.winnow.trainer.gpu.WgmmaGemmBench [reps] [size ...]  (default 20 4096 8192)</pre>
 *
 * Prints one {@code RESULT gemm bf16 <layout> <size> tile=... median_ms=... tflops=... relerr=...}
 * line per case, as GemmBench does (tile=wgmma128x256 for the cooperative schedule,
 * wgmma-pp128x128 for the ping-pong one), with burst=1 or 10.
 */
public final class WgmmaGemmBench {
  /** Launches per timed event pair: 1 as torch_matmul.py times, 10 without launch gaps. */
  private static final int[] BURSTS = {1, 10};

  private WgmmaGemmBench() {}

  /**
   * GPT-2 124M's products at B·T = 8192 tokens (C 768, 3C 2304, 4C 3072, V 50304: the vocabulary
   * padded as the model pads it): forward (NT), input gradients (NN) and weight gradients (TN),
   * as {layout, M, N, K}.
   */
  private static final int[][] MODEL_SHAPES = {
    {0, 8192, 2304, 768}, {0, 8192, 768, 768}, {0, 8192, 3072, 768}, {0, 8192, 768, 3072},
    {0, 8192, 50304, 768},
    {1, 8192, 768, 2304}, {1, 8192, 768, 768}, {1, 8192, 768, 3072}, {1, 8192, 3072, 768},
    {1, 8192, 768, 50304},
    {2, 2304, 768, 8192}, {2, 768, 768, 8192}, {2, 3072, 768, 8192}, {2, 768, 3072, 8192},
    {2, 50304, 768, 8192},
  };

  /**
   * Arguments: [reps] [size ...] [shapes] [quick]; "shapes" adds GPT-2 124M's products; size 0
   * skips the square problems; "quick" leaves out NN, TN, the block-per-tile grid, the mma.sync
   * kernel and the diagnostics.
   */
  public static void main(String[] args) {
    boolean shapes = Arrays.asList(args).contains("shapes");
    boolean quick = Arrays.asList(args).contains("quick");
    String[] nums = Arrays.stream(args).filter(a -> a.chars().allMatch(Character::isDigit))
        .toArray(String[]::new);
    GemmMeasurement.Sizes arguments = GemmMeasurement.Sizes.parse(nums);
    int reps = arguments.reps();
    int[] sizes = arguments.sizes();
    GpuProbe probe = CudaDevice.probe();
    if (!probe.available()) {
      System.out.println("WgmmaGemmBench skipped: " + probe.description());
      return;
    }
    int max = arguments.max();
    long arena = 8L * max * max * 4 + (256L << 20) + (shapes ? 8L << 30 : 0);
    try (CudaBackend backend = new CudaBackend(Precision.BF16, arena)) {
      CudaDevice device = backend.device();
      System.out.println("device: " + device.describe());
      String why = WgmmaGemm.unsupportedReason(device);
      if (why != null) {
        System.out.println("WgmmaGemmBench skipped: " + why);
        return;
      }
      WgmmaGemm wgmma = new WgmmaGemm(device);
      for (int size : sizes) {
        if (size <= 0) {
          continue;  // "0": no square sizes (with "shapes": the model's products only)
        }
        long elems = (long) size * size;
        CudaTensor a = (CudaTensor) backend.allocate("A", elems);
        CudaTensor b = (CudaTensor) backend.allocate("B", elems);
        CudaTensor c = (CudaTensor) backend.allocate("C", elems);
        backend.fillUniform(a, elems, 7, 1f);
        backend.fillUniform(b, elems, elems + 7, 1f);
        float[] hostA = backend.downloadFloats(a);
        float[] hostB = backend.downloadFloats(b);
        GemmOperand pa = backend.pack("wbench.a", a.pointer(), size, size);
        GemmOperand pb = backend.pack("wbench.b", b.pointer(), size, size);
        GemmOperand oc = GemmOperand.of(c.pointer(), size);
        int sms = device.multiprocessors();
        for (GemmLayout layout : GemmLayout.values()) {
          if (quick && layout != GemmLayout.NT) {
            continue;
          }
          for (WgmmaSchedule schedule : WgmmaSchedule.values()) {
            Runnable run = () -> wgmma.gemm(schedule, layout, size, size, size, pa, pb, oc, null,
                1f, 0f, 1, 1, false, sms);
            String tile = (schedule.pingPong() ? "wgmma-pp" : "wgmma") + schedule.bm + "x"
                + schedule.bn;
            for (int burst : BURSTS) {
              report(layout, tile, size, burst, time(device, run, reps, burst),
                  sampledError(backend, c, hostA, hostB, layout, size));
            }
          }
        }
        Runnable grid = () -> wgmma.gemm(WgmmaSchedule.COOPERATIVE, GemmLayout.NT, size, size,
            size, pa, pb, oc, null, 1f, 0f, 1, 1, false, 0);
        Runnable old = () -> backend.gemmKernels().bf16(GemmLayout.NT, GemmKernels.Tile.LARGE,
            size, size, size, pa, pb, oc, null, 1f, 0f, 1, 1, GemmKernels.Triangle.NONE);
        for (int burst : quick ? new int[0] : BURSTS) {
          report(GemmLayout.NT, "wgmma128x256-grid", size, burst, time(device, grid, reps, burst),
              sampledError(backend, c, hostA, hostB, GemmLayout.NT, size));
          report(GemmLayout.NT, "128x256", size, burst, time(device, old, reps, burst),
              sampledError(backend, c, hostA, hostB, GemmLayout.NT, size));
        }
        for (String variant : quick ? new String[0] : new String[] {"group16", "lag1",
            "noreload"}) {
          Runnable diag = () -> wgmma.diagnosticNt(variant, size, size, size, pa, pb, oc);
          report(GemmLayout.NT, "wgmma-diag-" + variant, size, 10, time(device, diag, reps, 10),
              sampledError(backend, c, hostA, hostB, GemmLayout.NT, size));
        }
      }
      if (shapes) {
        modelShapes(backend, wgmma, reps);
      }
    }
  }

  /**
   * Each of {@link #MODEL_SHAPES} on the wgmma kernel in each schedule (the grid {@link
   * WgmmaGemm#gemm} launches) and on the mma.sync kernel with the tile GemmKernels picks,
   * 10-launch bursts. Prints {@code RESULT shape <layout> m= n= k=} then {@code <schedule>=}
   * TFLOP/s for each schedule, {@code auto=} the schedule the AUTO policy picks, {@code mma=}
   * TFLOP/s and {@code mma_tile=}.
   */
  private static void modelShapes(CudaBackend backend, WgmmaGemm wgmma, int reps) {
    long aMax = 0;
    long bMax = 0;
    long cMax = 0;
    for (int[] sh : MODEL_SHAPES) {
      aMax = Math.max(aMax, (long) sh[1] * sh[3]);
      bMax = Math.max(bMax, (long) sh[2] * sh[3]);
      cMax = Math.max(cMax, (long) sh[1] * sh[2]);
    }
    CudaTensor a = (CudaTensor) backend.allocate("shape.A", aMax);
    CudaTensor b = (CudaTensor) backend.allocate("shape.B", bMax);
    CudaTensor c = (CudaTensor) backend.allocate("shape.C", cMax);
    backend.fillUniform(a, aMax, 11, 1f);
    backend.fillUniform(b, bMax, 13, 1f);
    CudaDevice device = backend.device();
    for (int[] sh : MODEL_SHAPES) {
      GemmLayout layout = GemmLayout.values()[sh[0]];
      int m = sh[1];
      int n = sh[2];
      int k = sh[3];
      GemmOperand pa = layout.aKMajor ? backend.pack("shape.a", a.pointer(), m, k)
          : backend.pack("shape.a", a.pointer(), k, m);
      GemmOperand pb = layout.bKMajor ? backend.pack("shape.b", b.pointer(), n, k)
          : backend.pack("shape.b", b.pointer(), k, n);
      GemmOperand oc = GemmOperand.of(c.pointer(), n);
      double flop = 2.0 * m * n * (double) k;
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
          "RESULT shape %s m=%d n=%d k=%d", layout, m, n, k));
      for (WgmmaSchedule schedule : WgmmaSchedule.values()) {
        int blocks = wgmma.blocks(schedule, m, n, 1);
        double ms = median(time(device, () -> wgmma.gemm(schedule, layout, m, n, k, pa, pb, oc,
            null, 1f, 0f, 1, 1, false, blocks), reps, 10));
        line.append(String.format(Locale.ROOT, " %s=%.1f", schedule.name().toLowerCase(Locale.ROOT),
            flop / (ms * 1e-3) / 1e12));
      }
      WgmmaSchedule auto = WgmmaGemm.automatic(m, n, k, 1, device.multiprocessors());
      GemmKernels.Tile tile = backend.gemmKernels().pickTile(m, n, 1);
      double o = median(time(device, () -> backend.gemmKernels().bf16(layout, tile, m, n, k, pa,
          pb, oc, null, 1f, 0f, 1, 1, GemmKernels.Triangle.NONE), reps, 10));
      line.append(String.format(Locale.ROOT, " auto=%s mma=%.1f mma_tile=%dx%d",
          auto.name().toLowerCase(Locale.ROOT), flop / (o * 1e-3) / 1e12, tile.bm, tile.bn));
      System.out.println(line);
    }
  }

  private static double median(double[] sorted) {
    return GemmMeasurement.median(sorted);
  }

  /** Per-launch milliseconds, sorted; warm-up: at least 3 launches and 200 ms of them. */
  private static double[] time(CudaDevice device, Runnable run, int reps, int burst) {
    return GemmMeasurement.time(device, run, reps, burst, 3, 200);
  }

  /** Relative error over 64 sampled outputs of the last run; NaN if any sample is not finite. */
  private static double sampledError(CudaBackend backend, CudaTensor c, float[] a, float[] b,
      GemmLayout layout, int size) {
    return GemmMeasurement.sampledError(backend, c, a, b, layout, size, true, 64,
        size * 31L + layout.ordinal());
  }

  private static void report(GemmLayout layout, String tile, int size, int burst, double[] ms,
      double err) {
    double median = ms[ms.length / 2];
    double tflops = 2.0 * size * size * (double) size / (median * 1e-3) / 1e12;
    System.out.printf(Locale.ROOT, "RESULT gemm bf16 %s %d tile=%s median_ms=%.3f min_ms=%.3f"
        + " max_ms=%.3f tflops=%.1f relerr=%.2e reps=%d burst=%d%n", layout, size, tile, median,
        ms[0], ms[ms.length - 1], tflops, err, ms.length, burst);
  }
}
