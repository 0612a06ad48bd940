package dev.winnow.trainer.run;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.data.BatchSchedule;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.parallel.Topology;
import dev.winnow.trainer.train.GlobalTensors;
import dev.winnow.trainer.train.LrSchedule;
import dev.winnow.trainer.train.Recipe;
import dev.winnow.trainer.train.BatchSource;
import dev.winnow.trainer.train.TokenBatch;
import dev.winnow.trainer.train.Trainer;
import dev.winnow.trainer.train.TrainerSettings;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code winnow-train check-layouts --config FILE}: the equivalence bar on real text.
 * Trains a small model in FP64 for some steps on the config's data with one rank and with each
 * (tp, pp, dp) layout, and prints the largest relative differences of the losses and of the
 * final parameters against the single rank.
 */
@Command(name = "check-layouts", mixinStandardHelpOptions = true,
    description = "Compare parallel layouts against one rank on the configured data (the blend, or the text stand-in), FP64.")
public final class LayoutCheckCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "training config for the data")
  File config;

  @Option(names = "--steps", defaultValue = "20")
  int steps;

  @Option(names = "--rows", defaultValue = "16", description = "sequences per step")
  int rows;

  /**
   * Differences are relative to max(|value|, this): the key bias has an exactly zero gradient
   * and sits at rounding noise (~1e-12) that differs between layouts.
   */
  private static final double MAGNITUDE_FLOOR = 1e-3;

  @Override
  public Integer call() {
    TrainConfig c = TrainConfig.load(config);
    // 4 layers so that 4 pipeline stages exist; GPT-2 vocabulary, as the data is real text
    GptConfig model = new GptConfig("check-4l-32", 4, 32, 4, 16, GptConfig.GPT2_VOCAB,
        GptConfig.padVocab(GptConfig.GPT2_VOCAB, 128));
    // The configured blend through the data loader, else the text stand-in.
    BatchSource data = c.blend() != null
        ? BlendBatchSource.open(c.blend().dir(), c.blend().cache(), c.blend().seed(),
            model.seqLen(), BatchSchedule.constant(rows), steps, 1, 0, c.validationFraction())
        : TextBatchSource.open(c.datasets(), model.seqLen(), BatchSchedule.constant(rows), rows,
            c.validationFraction())[0];
    List<TokenBatch> batches = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      batches.add(data.next());
    }
    if (data instanceof BlendBatchSource blend) {
      blend.close();
    }
    long tokensPerStep = (long) rows * model.seqLen();
    Recipe recipe = Recipe.mtNlg(new LrSchedule(1e-2, 4 * tokensPerStep,
        steps * tokensPerStep, 0.1));
    List<Double> refLosses = new ArrayList<>();
    GlobalTensors ref = train(model, recipe, Topology.single(), 1, false, batches, refLosses);
    System.out.printf(Locale.ROOT, "single rank: loss %.6f -> %.6f over %d steps%n",
        refLosses.get(0), refLosses.get(steps - 1), steps);
    int[][] layouts = {{2, 1, 1, 1}, {1, 2, 1, 1}, {1, 1, 2, 1}, {2, 2, 2, 1}, {1, 4, 2, 1}};
    boolean ok = true;
    for (int[] l : layouts) {
      Topology topo = new Topology(l[0], l[1], l[2]);
      List<Double> losses = new ArrayList<>();
      GlobalTensors got = train(model, recipe, topo, 1, l[3] == 1, batches, losses);
      double lossDiff = 0;
      for (int s = 0; s < steps; s++) {
        lossDiff = Math.max(lossDiff, Math.abs(losses.get(s) - refLosses.get(s))
            / Math.abs(refLosses.get(s)));
      }
      double paramDiff = maxRelativeDifference(ref, got);
      boolean pass = lossDiff <= 1e-6 && paramDiff <= 1e-6;
      ok &= pass;
      System.out.printf(Locale.ROOT,
          "%-12s m=%-2d %-4s  max rel. loss diff %.2e  max rel. parameter diff %.2e  %s%n",
          topo, rows / l[2], topo.dpSize() > 1 ? "zero" : "", lossDiff, paramDiff, pass ? "ok" : "FAIL");
    }
    return ok ? 0 : 1;
  }

  private static GlobalTensors train(GptConfig model, Recipe recipe, Topology topo,
      int microBatch, boolean zero, List<TokenBatch> batches, List<Double> losses) {
    TrainerSettings s = new TrainerSettings(model, topo, microBatch, Precision.FP64, 1, recipe,
        zero, 7);
    try (Trainer t = new Trainer(s)) {
      for (TokenBatch b : batches) {
        losses.add(t.train(b).loss());
      }
      return t.parameters();
    }
  }

  private static double maxRelativeDifference(GlobalTensors want, GlobalTensors got) {
    double max = 0;
    for (Map.Entry<String, double[]> e : want.tensors().entrySet()) {
      double[] w = e.getValue();
      double[] g = got.tensors().get(e.getKey());
      for (int i = 0; i < w.length; i++) {
        double d = Math.abs(w[i] - g[i]);
        max = Math.max(max, d / Math.max(Math.abs(w[i]), MAGNITUDE_FLOOR));
      }
    }
    return max;
  }
}
