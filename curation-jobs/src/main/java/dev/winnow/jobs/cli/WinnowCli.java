package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.run.StageAccountingError;
import dev.winnow.jobs.run.StageMemoryError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code winnow}: run the pipeline, or one stage, on local Spark or under spark-submit. */
@Command(name = "winnow",
        mixinStandardHelpOptions = true,
        versionProvider = WinnowCli.Version.class,
        description = "Curates text for language-model pretraining: ingest, clean, ... as Spark jobs.",
        subcommands = {RunCommand.class, StageCommand.class, ClusterCommand.class, StagesCommand.class, LidCommand.class,
                QualityCommand.class, DedupCommand.class, BlendCommand.class, ReportCommand.class, StatusCommand.class, PruneCommand.class,
                TraceCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class WinnowCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the command line and returns the exit code: 0 ok, 1 a stage failed, 2 bad usage or
     * config, 3 the run folder is in use by another run.
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new WinnowCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigError) {
                commandLine.getErr().println("winnow: configuration error: " + e.getMessage());
                return 2;
            }
            if (e instanceof dev.winnow.jobs.cluster.ClusterError) {
                commandLine.getErr().println("winnow: " + e.getMessage());
                return 2;
            }
            if (e instanceof StageAccountingError || e instanceof StageMemoryError) {
                commandLine.getErr().println("winnow: " + e.getMessage());
                return 1;
            }
            if (e instanceof dev.winnow.jobs.run.RunFolderInUseError) {
                commandLine.getErr().println("winnow: " + e.getMessage());
                return 3;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version Maven wrote into winnow/version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = WinnowCli.class.getResourceAsStream("/winnow/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"winnow " + p.getProperty("version", "unknown")};
        }
    }
}
