package dev.winnow.jobs.run;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A line every {@code interval} while a stage runs, from Spark's status tracker: how long it has
 * run and the tasks done of the Spark stages active now. On a cluster a stage can run for hours;
 * without it the console (or a YARN driver log) says nothing between its start and end lines.
 */
public final class StageWatch implements AutoCloseable {
    /** One active Spark stage: its id, tasks done, running and in all. */
    public record Active(int stageId, int done, int running, int total) {
    }

    private final ScheduledExecutorService timer;

    private StageWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Watches until closed; {@code interval} zero or less watches nothing. */
    public static StageWatch start(String stage, Duration interval, Supplier<List<Active>> source, Progress progress) {
        if (interval.isZero() || interval.isNegative()) {
            return new StageWatch(null);
        }
        ScheduledExecutorService timer = DaemonTimer.named("winnow-stage-watch");
        long t0 = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            try {
                progress.working(stage, Duration.ofNanos(System.nanoTime() - t0), source.get());
            } catch (RuntimeException e) {
                // A status read that fails (the context stopping) must not end the stage it watches.
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new StageWatch(timer);
    }

    /** The active stages of a Spark application, by stage id. */
    public static Supplier<List<Active>> of(SparkStatusTracker tracker) {
        return () -> {
            int[] ids = tracker.getActiveStageIds();
            Arrays.sort(ids);
            List<Active> out = new ArrayList<>();
            for (int id : ids) {
                SparkStageInfo info = tracker.getStageInfo(id).getOrElse(() -> null);
                if (info != null) {
                    out.add(new Active(id, info.numCompletedTasks(), info.numActiveTasks(), info.numTasks()));
                }
            }
            return out;
        };
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
