package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.model.GptConfig;
import java.util.Arrays;
import java.util.Locale;
import jcuda.driver.CUevent;

/**
 * Tokens per second and MFU of full GPT-2 training steps ({@link GptStep}) on the GPU backend,
 * one fixed batch repeated (so a falling loss shows the steps learn).
 *
 * <pre>java -cp ... dev.winnow.trainer.gpu.StepBench [model=gpt2-124m] [batch=8] [steps=10]
 *     [precision=BF16] [peakTflops=989]</pre>
 *
 * MFU counts 6·N + 12·L·C·T model FLOPs per token (PaLM's estimate, N = all parameters, the
 * tied output layer included) against {@code peakTflops} (H100 SXM dense bf16: 989).
 */
public final class StepBench {
  private StepBench() {}

  private static final int PROFILE_STEPS = 3;

  /**
   * {@code -Dwinnow.gpu.profile=true}: after the timed steps, {@value #PROFILE_STEPS} steps with
   * every backend call timed by CUDA events, then as many with every kernel launch timed.
   */
  private static void profile(GptStep bench, ProfilingBackend prof, EventTimer opTimer,
      CudaDevice d, int firstStep, double stepMs) {
    prof.timing(true);
    for (int s = 0; s < PROFILE_STEPS; s++) {
      bench.step(firstStep + s);
      opTimer.collect();
    }
    prof.timing(false);
    System.out.print(opTimer.table("backend calls", PROFILE_STEPS, stepMs));
    EventTimer kernels = new EventTimer(d);
    d.timeKernels(kernels);
    for (int s = 0; s < PROFILE_STEPS; s++) {
      bench.step(firstStep + PROFILE_STEPS + s);
      kernels.collect();
    }
    d.timeKernels(null);
    System.out.print(kernels.table("kernels", PROFILE_STEPS, stepMs));
  }

  public static void main(String[] args) {
    GptConfig cfg = GptConfig.named(args.length > 0 ? args[0] : "gpt2-124m");
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Precision precision = Precision.valueOf(args.length > 3 ? args[3] : "BF16");
    double peak = args.length > 4 ? Double.parseDouble(args[4]) : 989;
    GpuProbe probe = CudaDevice.probe();
    if (!probe.available()) {
      System.out.println("StepBench skipped: " + probe.description());
      return;
    }
    boolean profile = Boolean.getBoolean("winnow.gpu.profile");
    try (CudaBackend be = new CudaBackend(precision, 0)) {
      System.out.println("device: " + be.device().describe());
      System.out.println("backend: " + be.name());
      EventTimer opTimer = new EventTimer(be.device());
      ProfilingBackend prof = new ProfilingBackend(be, opTimer);
      GptStep bench = new GptStep(profile ? prof : be, cfg, batch, 1);
      System.out.printf(Locale.ROOT, "model %s: %d parameters, batch %d x %d tokens, %s, arena %.1f"
          + " of %.1f GiB used%n", cfg.name(), cfg.parameters(), batch, cfg.seqLen(), precision,
          be.arena().used() / 1073741824.0, be.arena().capacity() / 1073741824.0);
      CudaDevice d = be.device();
      CUevent start = d.newEvent();
      CUevent end = d.newEvent();
      double[] ms = new double[steps];
      double firstLoss = 0;
      double lastLoss = 0;
      for (int s = 0; s < steps + 2; s++) {  // two warm-up steps
        d.record(start);
        double loss = bench.step(s + 1);
        d.record(end);
        if (s == 0) {
          firstLoss = loss;
        }
        lastLoss = loss;
        if (s >= 2) {
          ms[s - 2] = d.elapsedMillis(start, end);
        }
        System.out.printf(Locale.ROOT, "step %d loss %.4f%n", s + 1, loss);
      }
      Arrays.sort(ms);
      double median = ms[steps / 2];
      long tokens = (long) batch * cfg.seqLen();
      double flopsPerToken = 6.0 * cfg.parameters()
          + 12.0 * cfg.layers() * cfg.hidden() * (double) cfg.seqLen();
      double tokensPerSecond = tokens / (median * 1e-3);
      double mfu = tokensPerSecond * flopsPerToken / (peak * 1e12);
      System.out.printf(Locale.ROOT, "RESULT step %s %s batch=%d median_ms=%.2f min_ms=%.2f"
          + " tokens_per_s=%.0f mfu=%.3f loss_first=%.3f loss_last=%.3f peak_tflops=%.0f%n",
          cfg.name(), precision, batch, median, ms[0], tokensPerSecond, mfu, firstLoss, lastLoss,
          peak);
      System.out.printf(Locale.ROOT, "arena after the steps: %.1f of %.1f GiB used%n",
          be.arena().used() / 1073741824.0, be.arena().capacity() / 1073741824.0);
      if (profile) {
        profile(bench, prof, opTimer, be.device(), steps + 3, median);
      }
    }
  }
}
