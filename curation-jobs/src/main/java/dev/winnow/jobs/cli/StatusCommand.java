package dev.winnow.jobs.cli;

import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.run.Sizes;
import dev.winnow.blending.run.StageChain;
import dev.winnow.blending.run.StageRecord;
import dev.winnow.jobs.config.ConfigFiles;
import dev.winnow.jobs.run.RunActivity;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.RunLock;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.run.StageWatch;
import dev.winnow.jobs.stages.BlendStage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code winnow status --run DIR}: what a run folder says about itself, read from its files
 * alone (no Spark, no config): whether a run is working in it (its lock and heartbeat), which
 * stage it is on ({@code pending/}), what each stage of the current output did, the blend, and
 * the stale folders. For an operator watching a cluster run from another terminal, where the
 * driver's log is on another machine.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Says whether a run is working in a run folder and on which stage, what each committed stage "
                + "did, and what is stale; reads the folder's files only (no Spark, no config).")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The run folder: a path or a Hadoop URI (hdfs://…), e.g. runs/sample.")
    String run;

    @Override
    public Integer call() throws IOException {
        RunLayout layout = new RunLayout(run, ConfigFiles.hadoopConfiguration(ConfigOptions.sparkSubmitHadoopSettings()));
        FileSystem fs = layout.fs();
        Path pending = layout.pendingDir();
        var lock = RunLock.held(layout);
        if (!fs.exists(layout.stagesDir()) && !fs.exists(pending) && lock.isEmpty()) {
            System.err.println("winnow status: " + run + " has no stages/, pending/ or lock: not a run folder");
            return 2;
        }
        System.out.println("winnow: run folder " + layout.root());
        boolean running = false;
        if (lock.isEmpty()) {
            System.out.println("not running");
        } else {
            RunLock.Held held = lock.get();
            String since = ago(held.heartbeat());
            String takeOver = RunLock.takeOverReason(held);
            running = takeOver == null;
            System.out.println(running
                    ? "running: " + held.holder().describe() + ", last heartbeat " + since + " ago"
                    : "not running: a lock left by " + held.holder().describe() + ", last heartbeat " + since
                            + " ago; the next run takes it over (" + takeOver + ")");
            if (held.activity() != null) {
                activity(held.activity(), held.heartbeat(), running).forEach(System.out::println);
            }
        }
        StageChain<StageManifest> chain = layout.stageChain();
        List<String> inProgress = pending(fs, pending, running);
        if (running && inProgress.isEmpty()) {
            // A stage writes pending/ only once its outcomes are computed.
            inProgress.add("in progress: " + chain.last().map(l -> "the stage after " + folder(l)).orElse("the first stage")
                    + " (nothing written yet)");
        }
        inProgress.forEach(System.out::println);
        if (chain.current().isEmpty()) {
            System.out.println("no committed stage yet");
        } else {
            System.out.println("committed stages (the current output):");
            for (StageManifest m : chain.current()) {
                System.out.printf(Locale.ROOT, "  %-20s in %,d  kept %,d  rejected %,d  (%s, %s)%n",
                        StageChain.folder(m), m.in(), m.kept(), m.rejected(),
                        seconds(m.elapsedMs()), m.started());
            }
        }
        if (fs.exists(layout.blendDir())) {
            var blend = chain.currentStage(BlendStage.NAME).isPresent() ? layout.readBlendManifest() : java.util.Optional.<BlendManifest>empty();
            System.out.println(blend.map(b -> String.format(Locale.ROOT, "blend: %s, %,d tokens in %d datasets",
                            layout.blendDir(), b.datasets().values().stream().mapToLong(BlendManifest.Dataset::tokens).sum(),
                            b.datasets().size()))
                    .orElse("blend: " + layout.blendDir() + " is not the current output"
                            + (running ? " (yet: the run rewrites it if it reaches the blend stage)" : " (winnow-train refuses it)")));
        }
        if (!chain.stale().isEmpty()) {
            System.out.println(running ? "stage folders from before this run (it rewrites those it reaches):"
                    : "stale stage folders (winnow prune --run " + run + " deletes them):");
            for (StageChain.Stale s : chain.stale()) {
                System.out.println("  " + s.folder() + ": " + s.why());
            }
        }
        return 0;
    }

    /** The stages written under {@code pending/}: in progress while a run holds the folder, left over otherwise. */
    private static List<String> pending(FileSystem fs, Path pending, boolean running) throws IOException {
        List<String> out = new ArrayList<>();
        if (!fs.exists(pending)) {
            return out;
        }
        for (FileStatus f : fs.listStatus(pending)) {
            String name = f.getPath().getName();
            if (f.isDirectory() && name.startsWith(RunLayout.PENDING_STAGE_PREFIX)) {
                String stage = name.substring(RunLayout.PENDING_STAGE_PREFIX.length());
                String written = Sizes.bytes(fs.getContentSummary(f.getPath()).getLength());
                out.add(running ? "in progress: " + stage + " (" + written + " written so far)"
                        : "left by a run that stopped: pending/" + name + " (" + written
                                + "); the next run of the stage clears it, winnow prune deletes it");
            }
        }
        return out;
    }

    /** What the lock's last heartbeat said the run was doing: its stage and Spark's active stages. */
    private static List<String> activity(RunActivity a, Instant heartbeat, boolean running) {
        List<String> out = new ArrayList<>();
        String on = String.format(Locale.ROOT, "%02d-%s", a.index(), a.stage());
        String duration = "";
        try {
            duration = a.stageStarted() == null ? "" : " for " + between(Instant.parse(a.stageStarted()), heartbeat);
        } catch (java.time.format.DateTimeParseException e) {
            // Said without its duration: the lock's job is to name its holder, not to be parsed.
        }
        out.add((running ? "working on " : "was working on ") + on + duration + " at the last heartbeat"
                + (a.spark().isEmpty() ? ", no Spark stage active (the driver between jobs)" : ":"));
        for (StageWatch.Active s : a.spark()) {
            out.add(String.format(Locale.ROOT, "  Spark stage %d: %,d of %,d tasks done, %,d running",
                    s.stageId(), s.done(), s.total(), s.running()));
        }
        return out;
    }

    private static String folder(StageManifest m) {
        return StageRecord.STAGES_FOLDER + "/" + StageChain.folder(m);
    }

    private static String ago(Instant then) {
        return between(then, Instant.now());
    }

    private static String between(Instant from, Instant to) {
        long s = Math.max(0, Duration.between(from, to).toSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
