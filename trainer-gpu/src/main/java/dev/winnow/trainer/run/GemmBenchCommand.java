package dev.winnow.trainer.run;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.backend.cpu.CpuBackend;
import dev.winnow.trainer.model.GptConfig;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code winnow-train bench gemm}: GFLOP/s of the CPU backend's matrix products at a model's
 * layer shapes (QKV, MLP-in, MLP-out, output head) for one micro-batch, forward and backward.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
    description = "Measure the CPU backend's matmul GFLOP/s at a model's shapes.")
public final class GemmBenchCommand implements Callable<Integer> {

  @Option(names = "--model", defaultValue = "small-6l-384", description = "built-in model")
  String model;

  @Option(names = "--micro-batch", defaultValue = "4")
  int microBatch;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Option(names = "--precision", defaultValue = "FP32")
  Precision precision;

  @Option(names = "--repeats", defaultValue = "3", description = "timed repeats after a warm-up")
  int repeats;

  @Override
  public Integer call() {
    GptConfig c = GptConfig.named(model);
    int n = microBatch * c.seqLen();
    int h = c.hidden();
    int[][] shapes = {{h, 3 * h}, {h, 4 * h}, {4 * h, h}, {h, c.paddedVocab()}};
    String[] names = {"qkv", "mlp-in", "mlp-out", "head"};
    System.out.printf(Locale.ROOT, "%s, N = %d rows, %s, %d threads%n", c.name(), n, precision,
        threads);
    try (Backend b = new CpuBackend(precision, threads)) {
      for (int s = 0; s < shapes.length; s++) {
        int in = shapes[s][0];
        int out = shapes[s][1];
        Tensor x = random(b, (long) n * in);
        Tensor w = random(b, (long) out * in);
        Tensor y = b.allocate("y", (long) n * out);
        Tensor dx = b.allocate("dx", (long) n * in);
        Tensor dw = b.allocate("dw", (long) out * in);
        double flops = 2.0 * n * in * out;
        double fwd = best(() -> b.matmulForward(y, x, w, null, n, in, out));
        double bwd = best(() -> b.matmulBackward(dx, dw, null, y, x, w, n, in, out));
        System.out.printf(Locale.ROOT,
            "%-8s [%d x %d] x [%d x %d]^T  forward %6.1f GFLOP/s  backward %6.1f GFLOP/s%n",
            names[s], n, in, out, in, flops / fwd / 1e9, 2 * flops / bwd / 1e9);
      }
    }
    return 0;
  }

  /** Best of the timed repeats, seconds (the least disturbed by other load). */
  private double best(Runnable r) {
    r.run();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return best;
  }

  private static Tensor random(Backend b, long size) {
    Random r = new Random(size);
    float[] v = new float[(int) size];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    Tensor t = b.allocate("random", size);
    b.upload(t, v);
    return t;
  }
}
