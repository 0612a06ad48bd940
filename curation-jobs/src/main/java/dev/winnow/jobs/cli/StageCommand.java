package dev.winnow.jobs.cli;

import dev.winnow.jobs.cluster.ClusterSubmit;
import dev.winnow.jobs.cluster.SparkRuntime;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.stages.StageCatalog;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** {@code winnow stage NAME}: one stage, reading the committed output of the stage before it. */
@Command(name = "stage", mixinStandardHelpOptions = true,
        description = "Run one stage (it reads the committed output of the stage before it in winnow.stages).")
final class StageCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Stage name, e.g. ingest or clean.")
    String name;

    @Mixin
    ConfigOptions options;

    @Option(names = "--dry-run", description = "Say whether the stage is up to date, and why it would run; run nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        StageCatalog.create(name); // unknown names fail before Spark starts
        WinnowConfig config = options.load();
        if (ClusterSubmit.needsSubmit(options.master)) {
            // as `run`: the same command as a Spark application, through SparkSubmit
            List<String> args = new ArrayList<>(List.of("stage", name));
            args.addAll(options.asArguments());
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
                return DryRun.print(pipeline, name, name, config.stages(), System.out);
            }
            pipeline.runOne(name, progress);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
