package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Precision;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUevent;

/**
 * Times this build's GEMM kernels on square problems: bf16 tensor cores (operands packed to
 * bf16 beforehand, as PyTorch's bf16 matmul gets them) in each layout, and the fp32 SIMT kernel.
 * Random operands, 3 warm-up runs, the median of {@code reps} runs timed with CUDA events, and a
 * spot check of 64 sampled outputs against a double-precision reference on the same (rounded)
 * operands.
 *
 * <pre>java -cp ... dev.winnow.trainer.gpu.GemmBench [reps] [size ...]   (default 20 4096 8192)</pre>
 *
 * Prints one {@code RESULT gemm ...} line per case (the device check's summary reads them).
 */
public final class GemmBench {
  private static final int WARMUP = 3;
  private static final int SAMPLES = 64;

  private GemmBench() {}

  public static void main(String[] args) {
    GemmMeasurement.Sizes arguments = GemmMeasurement.Sizes.parse(args);
    int reps = arguments.reps();
    int[] sizes = arguments.sizes();
    GpuProbe probe = CudaDevice.probe();
    if (!probe.available()) {
      System.out.println("GemmBench skipped: " + probe.description());
      return;
    }
    int max = arguments.max();
    long arena = 8L * max * max * Float.BYTES + (256L << 20);
    try (CudaBackend backend = new CudaBackend(Precision.BF16, arena)) {
      System.out.println("device: " + backend.device().describe());
      for (int size : sizes) {
        bench(backend, size, reps);
      }
    }
  }

  private static void bench(CudaBackend backend, int size, int reps) {
    long elems = (long) size * size;
    CudaTensor a = (CudaTensor) backend.allocate("A", elems);
    CudaTensor b = (CudaTensor) backend.allocate("B", elems);
    CudaTensor c = (CudaTensor) backend.allocate("C", elems);
    backend.fillUniform(a, elems, 1, 1f);
    backend.fillUniform(b, elems, elems + 1, 1f);
    float[] hostA = backend.downloadFloats(a);
    float[] hostB = backend.downloadFloats(b);
    GemmKernels gemm = backend.gemmKernels();
    CudaDevice device = backend.device();

    // The same square buffers serve every layout: a layout only changes how they are read.
    CUevent start = device.newEvent();
    CUevent end = device.newEvent();
    device.record(start);
    GemmOperand pa = backend.pack("bench.a", a.pointer(), size, size);
    GemmOperand pb = backend.pack("bench.b", b.pointer(), size, size);
    device.record(end);
    float packMs = device.elapsedMillis(start, end);
    System.out.printf(Locale.ROOT, "pack fp32->bf16 of A and B (%d^2 each): %.3f ms%n", size, packMs);

    GemmOperand oc = GemmOperand.of(c.pointer(), size);
    for (GemmLayout layout : GemmLayout.values()) {
      // Every tile for NT (the headline layout), the tile the backend would pick for the others.
      List<GemmKernels.Tile> tiles = layout == GemmLayout.NT
          ? List.of(GemmKernels.Tile.values()) : List.of(gemm.pickTile(size, size, 1));
      for (GemmKernels.Tile tile : tiles) {
        Runnable run = () -> gemm.bf16(layout, tile, size, size, size, pa, pb, oc, null, 1f, 0f, 1,
            1, GemmKernels.Triangle.NONE);
        report("bf16", layout, tile.bm + "x" + tile.bn, size, time(device, run, reps),
            spotCheck(backend, c, hostA, hostB, layout, size, true));
      }
    }
    GemmOperand fa = GemmOperand.of(a.pointer(), size);
    GemmOperand fb = GemmOperand.of(b.pointer(), size);
    Runnable run = () -> gemm.fp32(GemmLayout.NT, size, size, size, fa, fb, oc, null, 1f, 0f, 1, 1,
        GemmKernels.Triangle.NONE);
    report("fp32", GemmLayout.NT, "128x128", size, time(device, run, reps / 2 + 1),
        spotCheck(backend, c, hostA, hostB, GemmLayout.NT, size, false));
    device.destroy(start);
    device.destroy(end);
  }

  private static double[] time(CudaDevice device, Runnable run, int reps) {
    return GemmMeasurement.time(device, run, reps, 1, WARMUP, 0);
  }

  private static double spotCheck(CudaBackend backend, CudaTensor c, float[] a, float[] b,
      GemmLayout layout, int size, boolean bf16) {
    return GemmMeasurement.sampledError(backend, c, a, b, layout, size, bf16, SAMPLES, size);
  }

  private static void report(String precision, GemmLayout layout, String tile, int size,
      double[] sortedMs, double relErr) {
    double median = sortedMs[sortedMs.length / 2];
    double tflops = 2.0 * size * size * (double) size / (median * 1e-3) / 1e12;
    System.out.printf(Locale.ROOT, "RESULT gemm %s %s %d tile=%s median_ms=%.3f min_ms=%.3f"
        + " max_ms=%.3f tflops=%.1f relerr=%.2e reps=%d%n", precision, layout, size, tile, median,
        sortedMs[0], sortedMs[sortedMs.length - 1], tflops, relErr, sortedMs.length);
  }
}
