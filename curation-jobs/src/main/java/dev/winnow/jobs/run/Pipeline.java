package dev.winnow.jobs.run;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the configured stages in order; each reads the output of the one before it. With
 * {@code from}/{@code to}, only that range runs, and the stage before {@code from} must already
 * be committed. A run holds the run folder ({@link RunLock}) while its stages run.
 */
public final class Pipeline {
    private final SparkSession spark;
    private final WinnowConfig config;
    private final Function<String, Stage> catalog;
    private final StageRunner runner;
    private final RunLayout layout;

    public Pipeline(SparkSession spark, WinnowConfig config, Function<String, Stage> catalog, Progress progress) {
        this.spark = spark;
        this.config = config;
        this.catalog = catalog;
        this.runner = new StageRunner(progress);
        this.layout = new RunLayout(config.runDir(), spark.sparkContext().hadoopConfiguration());
    }

    public RunLayout layout() {
        return layout;
    }

    /** Runs stages {@code from}..{@code to} (names; null for the first/last) and returns their manifests. */
    public List<StageManifest> run(String from, String to, Progress progress) {
        Range range = range(from, to);
        List<StageManifest> out = new ArrayList<>();
        StageManifest upstream = range.first == 0 ? null : committed(range.names, range.first);
        try (RunLock lock = RunLock.acquire(layout, spark.sparkContext().applicationId())) {
            Supplier<List<StageWatch.Active>> sparkStages = StageWatch.of(spark.sparkContext().statusTracker());
            for (int i = range.first; i <= range.last; i++) {
                progress.starting(i - range.first + 1, range.size(), range.names.get(i));
                int index = i + 1;
                String name = range.names.get(i);
                String started = Instant.now().toString();
                lock.reportActivity(() -> new RunActivity(index, name, started, sparkStages.get()));
                StageContext context = new StageContext(spark, config, layout, i + 1, upstream);
                upstream = runner.run(range.stages.get(i), context);
                out.add(upstream);
            }
        }
        return out;
    }

    /**
     * What {@link #run} would do, computing and writing nothing: for each stage, whether its
     * committed output is up to date and, if not, why it would run. Reads the manifests, lists the
     * source files (ingest's input) and reads task files (decontaminate's settings), as a run does
     * before it decides.
     */
    public List<Freshness> plan(String from, String to) {
        Range range = range(from, to);
        List<Freshness> out = new ArrayList<>();
        StageManifest upstream = range.first == 0 ? null : committed(range.names, range.first);
        boolean upstreamRuns = false;
        for (int i = range.first; i <= range.last; i++) {
            StageContext context = new StageContext(spark, config, layout, i + 1, upstream);
            Freshness f = Freshness.of(range.stages.get(i), context, upstreamRuns);
            out.add(f);
            upstream = f.existing();
            upstreamRuns = !f.upToDate();
        }
        return out;
    }

    /** The stages from..to, resolved, with the settings of each checked before any runs. */
    private Range range(String from, String to) {
        List<String> stages = config.stages();
        int first = from == null ? 0 : position(stages, from, "--from");
        int last = to == null ? stages.size() - 1 : position(stages, to, "--to");
        if (first > last) {
            throw new ConfigError("--from " + from + " comes after --to " + to + " in winnow.stages " + stages);
        }
        List<Stage> resolved = new ArrayList<>();
        for (String name : stages) {
            resolved.add(catalog.apply(name)); // fail on an unknown stage before running anything
        }
        for (int i = first; i <= last; i++) {
            resolved.get(i).checkSettings(config); // and on wrong settings of any stage that will run
        }
        return new Range(stages, resolved, first, last);
    }

    private record Range(List<String> names, List<Stage> stages, int first, int last) {
        int size() {
            return last - first + 1;
        }
    }

    /** Runs one stage by name, reading the committed output of the stage before it. */
    public StageManifest runOne(String name, Progress progress) {
        return run(name, name, progress).get(0);
    }

    private StageManifest committed(List<String> stages, int position) {
        String before = stages.get(position - 1);
        return layout.readManifest(position, before).orElseThrow(() -> new ConfigError(
                "stage " + stages.get(position) + " reads the output of " + RunLayout.folder(position, before)
                        + ", which is not in " + layout.root() + " yet: run " + before + " first"));
    }

    private static int position(List<String> stages, String name, String flag) {
        int i = stages.indexOf(name);
        if (i < 0) {
            throw new ConfigError(flag + " " + name + ": not in winnow.stages " + stages);
        }
        return i;
    }
}
