package dev.winnow.jobs.cli;

import dev.winnow.jobs.cluster.ClusterSubmit;
import dev.winnow.jobs.cluster.SparkRuntime;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.report.ReportWriter;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.stages.StageCatalog;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow run}: the configured stages, in order, skipping those already up to date. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline's stages in order (those up to date are skipped).")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--from", paramLabel = "STAGE", description = "First stage to run (the one before must be committed).")
    String from;

    @Option(names = "--to", paramLabel = "STAGE", description = "Last stage to run.")
    String to;

    @Option(names = "--dry-run", description = "Say which stages are up to date and why the others would run; run nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        WinnowConfig config = options.load(); // a bad config fails here, before any JVM is started
        if (ClusterSubmit.needsSubmit(options.master)) {
            // The same command as a Spark application: SparkSubmit in client mode, this job jar.
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run"));
            args.addAll(options.asArguments());
            if (from != null) {
                args.addAll(java.util.List.of("--from", from));
            }
            if (to != null) {
                args.addAll(java.util.List.of("--to", to));
            }
            if (dryRun) {
                args.add("--dry-run");
            }
            return ClusterSubmit.run(SparkRuntime.fromEnvironment(), options.master, args);
        }
        Progress progress = new Progress(System.out);
        SparkSession spark = SparkSessions.open(config, options.master);
        try {
            Pipeline pipeline = new Pipeline(spark, config, StageCatalog::create, progress);
            if (dryRun) {
                return DryRun.print(pipeline, from, to, config.stages(), System.out);
            }
            System.out.println("winnow: run folder " + pipeline.layout().root() + " (Spark " + spark.version()
                    + ", " + spark.sparkContext().master() + ")");
            pipeline.run(from, to, progress);
            StaleNote.print(pipeline.layout(), System.out);
            try {
                System.out.println("winnow: report " + ReportWriter.write(spark, pipeline.layout()) + "/index.html");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the report of " + pipeline.layout().root(), e);
            }
            System.out.println("winnow: done.");
            return 0;
        } finally {
            spark.stop();
        }
    }
}
