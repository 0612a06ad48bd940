package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Precision;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jcuda.driver.CUevent;

/**
 * Times the wgmma GEMM ({@link WgmmaGemm}, persistent grid) on square bf16 problems in each
 * layout, then for NT its one-block-per-tile grid and the mma.sync kernel's 128x256 tile
 * ({@link GemmKernels}) on the same operands. Random operands packed to bf16 beforehand, 200 ms
 * of warm-up, the median of {@code reps} CUDA-event timings of 1 launch (as torch_matmul.py
 * times) and of 10 back-to-back launches, and ‖C − ref‖/‖ref‖ over 64 sampled outputs against a
 * double reference on the bf16-rounded operands.
 *
 * <pre>java -cp ... dev.winnow.trainer.gpu.WgmmaGemmBench [reps] [size ...]  (default 20 4096 8192)</pre>
 *
 * Prints one {@code RESULT gemm bf16 <layout> <size> tile=... median_ms=... tflops=... relerr=...}
 * line per case, as GemmBench does (tile=wgmma128x256 for this kernel), with burst=1 or 10.
 */
public final class WgmmaGemmBench {
  /** Launches per timed event pair: 1 as torch_matmul.py times, 10 without launch gaps. */
  private static final int[] BURSTS = {1, 10};

  private WgmmaGemmBench() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int[] sizes = args.length > 1
        ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {4096, 8192};
    GpuProbe probe = CudaDevice.probe();
    if (!probe.available()) {
      System.out.println("WgmmaGemmBench skipped: " + probe.description());
      return;
    }
    int max = Arrays.stream(sizes).max().orElse(0);
    try (CudaBackend backend = new CudaBackend(Precision.BF16, 8L * max * max * 4 + (256L << 20))) {
      CudaDevice device = backend.device();
      System.out.println("device: " + device.describe());
      String why = WgmmaGemm.unsupportedReason(device);
      if (why != null) {
        System.out.println("WgmmaGemmBench skipped: " + why);
        return;
      }
      WgmmaGemm wgmma = new WgmmaGemm(device);
      for (int size : sizes) {
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
          Runnable run = () -> wgmma.gemm(layout, size, size, size, pa, pb, oc, null, 1f, 0f, 1,
              1, false, sms);
          for (int burst : BURSTS) {
            report(layout, "wgmma128x256", size, burst, time(device, run, reps, burst),
                sampledError(backend, c, hostA, hostB, layout, size));
          }
        }
        Runnable grid = () -> wgmma.gemm(GemmLayout.NT, size, size, size, pa, pb, oc, null, 1f,
            0f, 1, 1, false, 0);
        Runnable old = () -> backend.gemmKernels().bf16(GemmLayout.NT, GemmKernels.Tile.LARGE,
            size, size, size, pa, pb, oc, null, 1f, 0f, 1, 1, false);
        for (int burst : BURSTS) {
          report(GemmLayout.NT, "wgmma128x256-grid", size, burst, time(device, grid, reps, burst),
              sampledError(backend, c, hostA, hostB, GemmLayout.NT, size));
          report(GemmLayout.NT, "128x256", size, burst, time(device, old, reps, burst),
              sampledError(backend, c, hostA, hostB, GemmLayout.NT, size));
        }
      }
    }
  }

  /**
   * Sorted per-launch milliseconds of {@code reps} timings, each of {@code burst} back-to-back
   * launches between two events (burst 1: as torch_matmul.py times; a larger burst keeps the
   * host's launch latency out). Warm-up: at least 3 launches and 200 ms of them, so that the
   * clocks have left idle.
   */
  private static double[] time(CudaDevice device, Runnable run, int reps, int burst) {
    long until = System.nanoTime() + 200_000_000L;
    for (int i = 0; i < 3 || System.nanoTime() < until; i++) {
      run.run();
      if (i % 8 == 7) {
        device.synchronize();
      }
    }
    device.synchronize();
    CUevent start = device.newEvent();
    CUevent end = device.newEvent();
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      device.record(start);
      for (int j = 0; j < burst; j++) {
        run.run();
      }
      device.record(end);
      ms[i] = device.elapsedMillis(start, end) / burst;
    }
    device.destroy(start);
    device.destroy(end);
    Arrays.sort(ms);
    return ms;
  }

  /** Relative error over 64 sampled outputs of the last run; NaN if any sample is not finite. */
  private static double sampledError(CudaBackend backend, CudaTensor c, float[] a, float[] b,
      GemmLayout layout, int size) {
    float[] got = backend.downloadFloats(c);
    Random r = new Random(size * 31L + layout.ordinal());
    double num = 0;
    double den = 0;
    for (int s = 0; s < 64; s++) {
      int i = r.nextInt(size);
      int j = r.nextInt(size);
      double ref = 0;
      for (int p = 0; p < size; p++) {
        float av = layout.aKMajor ? a[i * size + p] : a[p * size + i];
        float bv = layout.bKMajor ? b[j * size + p] : b[p * size + j];
        ref += (double) Bf16.round(av) * Bf16.round(bv);
      }
      float g = got[i * size + j];
      if (!Float.isFinite(g)) {
        return Double.NaN;
      }
      num += (g - ref) * (g - ref);
      den += ref * ref;
    }
    return Math.sqrt(num / den);
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
