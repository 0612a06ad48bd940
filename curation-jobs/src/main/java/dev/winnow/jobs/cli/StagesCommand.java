package dev.winnow.jobs.cli;

import dev.winnow.jobs.stages.StageCatalog;
import picocli.CommandLine.Command;

/** {@code winnow stages}: what can go in {@code winnow.stages}, with each stage's main class. */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = "List the stages and the main class spark-submit runs for each.")
final class StagesCommand implements Runnable {
    @Override
    public void run() {
        for (String name : StageCatalog.names()) {
            System.out.printf("%-14s %s%n", name, StageCatalog.mainClass(name));
        }
    }
}
