package dev.winnow.trainer.plan;

import dev.winnow.trainer.model.GptConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code winnow-train plan}: the fastest (tp, pp, dp, micro-batch, recomputation) layout that
 * fits a model on a cluster, its predicted iteration time and memory per GPU, the runners-up,
 * and why the model needs a cluster at all. The model behind the numbers: docs/planner.md.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Choose a 3D-parallel layout (tp, pp, dp) for a model on a cluster and "
        + "predict its iteration time and memory per GPU.")
public final class PlanCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "NAME|FILE",
      description = "Built-in model (mt-nlg-530b, gpt2-124m, small-6l-384) or a HOCON file.")
  String model;

  @Option(names = "--cluster", required = true, paramLabel = "NAME|FILE",
      description = "Built-in cluster (dgx-a100-80g, dgx-h100-80g) or a HOCON file.")
  String cluster;

  @Option(names = "--nodes", required = true, paramLabel = "N", description = "Nodes.")
  int nodes;

  @Option(names = "--global-batch", paramLabel = "N", defaultValue = "1920",
      description = "Sequences per iteration (default: ${DEFAULT-VALUE}, MT-NLG's).")
  int globalBatch;

  @Option(names = "--zero-stage", paramLabel = "0..3", defaultValue = "0",
      description = "ZeRO stage sharding model states across data parallelism "
          + "(default: ${DEFAULT-VALUE}; see docs/planner.md for MT-NLG's).")
  int zeroStage;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "Ranked layouts to list (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GptConfig gpt;
    ClusterSpec node;
    List<PlannedLayout> ranked;
    try {
      gpt = SpecFiles.modelNamedOrFile(model);
      node = SpecFiles.clusterNamedOrFile(cluster);
      if (zeroStage < 0 || zeroStage > 3) {
        throw new IllegalArgumentException("--zero-stage must be 0..3, got " + zeroStage);
      }
      ranked = Planner.rank(gpt, node, nodes, globalBatch, zeroStage);
    } catch (IllegalArgumentException | ArithmeticException e) {
      err.println("plan: " + e.getMessage());
      return 2;
    }
    PlanReport report = new PlanReport(out, gpt, node, nodes, globalBatch);
    report.header(zeroStage);
    report.singleGpuArgument();
    if (ranked.isEmpty()) {
      out.println();
      out.println("no layout fits: every (tp, pp, dp, micro-batch, recomputation) needs more "
          + "than the usable memory per GPU; add nodes or raise --zero-stage.");
      out.flush();
      return 1;
    }
    report.chosen(ranked.get(0));
    report.ranking(ranked, top);
    out.flush();
    return 0;
  }
}
