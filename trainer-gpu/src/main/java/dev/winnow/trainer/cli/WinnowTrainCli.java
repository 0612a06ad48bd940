package dev.winnow.trainer.cli;

import dev.winnow.trainer.plan.PlanCommand;
import dev.winnow.trainer.run.LayoutCheckCommand;
import dev.winnow.trainer.run.TrainRunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code winnow-train}: the trainer's command line. A thin list of subcommands; each lives in its
 * own class.
 */
@Command(name = "winnow-train", mixinStandardHelpOptions = true,
        description = "Trains a GPT on a Winnow blend (data loader, trainer, planner).",
        subcommands = {InspectCommand.class, CacheCommand.class, TrainRunCommand.class, LayoutCheckCommand.class, PlanCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class WinnowTrainCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line with its subcommands and the handler of user errors. */
    public static CommandLine commandLine() {
        return new CommandLine(new WinnowTrainCli()).setExecutionExceptionHandler(new UserErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
