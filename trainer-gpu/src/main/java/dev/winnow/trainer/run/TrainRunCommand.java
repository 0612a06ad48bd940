package dev.winnow.trainer.run;

import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code winnow-train run --config conf/train/FILE.conf}: trains as the file says. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Train a GPT model as configured (HOCON): a blend folder or the text stand-in, on the CPU or GPU backend.")
public final class TrainRunCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "training config (conf/train/*.conf)")
  File config;

  @Option(names = "--steps", description = "override train.steps")
  Integer steps;

  @Override
  public Integer call() {
    TrainConfig c = TrainConfig.load(config);
    if (steps != null) {
      c = c.withSteps(steps);
    }
    new TrainingRun(c).run(System.out);
    return 0;
  }
}
