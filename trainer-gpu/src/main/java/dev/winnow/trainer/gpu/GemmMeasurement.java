package dev.winnow.trainer.gpu;

import java.util.Arrays;
import java.util.Random;
import jcuda.driver.CUevent;

/**
 * What the GEMM benchmarks share: their size arguments, CUDA-event timing and the sampled
 * accuracy check of a square product against a double reference.
 */
final class GemmMeasurement {
  private GemmMeasurement() {}

  /** Numeric arguments {@code [reps] [size ...]}: defaults 20 and 4096 8192. */
  record Sizes(int reps, int[] sizes) {
    static Sizes parse(String[] numbers) {
      int reps = numbers.length > 0 ? Integer.parseInt(numbers[0]) : 20;
      int[] sizes = numbers.length > 1
          ? Arrays.stream(numbers, 1, numbers.length).mapToInt(Integer::parseInt).toArray()
          : new int[] {4096, 8192};
      return new Sizes(reps, sizes);
    }

    int max() {
      return Arrays.stream(sizes).max().orElse(0);
    }
  }

  /**
   * Sorted per-launch milliseconds of {@code reps} timings, each of {@code burst} back-to-back
   * launches between two events, after at least {@code warmupLaunches} launches and {@code
   * warmupMillis} of them (so that the clocks have left idle).
   */
  static double[] time(CudaDevice device, Runnable run, int reps, int burst, int warmupLaunches,
      long warmupMillis) {
    long until = System.nanoTime() + warmupMillis * 1_000_000L;
    for (int i = 0; i < warmupLaunches || System.nanoTime() < until; i++) {
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

  static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  /**
   * ‖C − ref‖ / ‖ref‖ over {@code samples} outputs of a {@code size}³ product drawn with {@code
   * seed}, the operands rounded to bf16 when the kernel did; NaN if a sample is not finite.
   */
  static double sampledError(CudaBackend backend, CudaTensor c, float[] a, float[] b,
      GemmLayout layout, int size, boolean bf16, int samples, long seed) {
    float[] got = backend.downloadFloats(c);
    Random r = new Random(seed);
    double num = 0;
    double den = 0;
    for (int s = 0; s < samples; s++) {
      int i = r.nextInt(size);
      int j = r.nextInt(size);
      double ref = 0;
      for (int p = 0; p < size; p++) {
        float av = layout.aKMajor ? a[i * size + p] : a[p * size + i];
        float bv = layout.bKMajor ? b[j * size + p] : b[p * size + j];
        ref += (bf16 ? Bf16.round(av) : av) * (double) (bf16 ? Bf16.round(bv) : bv);
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
}
