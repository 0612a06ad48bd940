package dev.winnow.jobs.cluster;

import dev.winnow.jobs.testing.StandaloneCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed ({@code kill -9}) as it starts one of fuzzy dedup's tasks: Spark reruns the
 * lost tasks and shuffle outputs, the Worker launches a new executor, and the run ends with the clean
 * run's output.
 */
class ExecutorLossIT {
    @Test
    void aRunSurvivesALostExecutor() {
        assertTimeoutPreemptively(Duration.ofMinutes(25), () -> {
            SampleRuns.Digest reference = SampleRuns.reference();
            try (StandaloneCluster cluster = StandaloneCluster.start("executor-loss", 2, "1g")) {
                Path run = SampleRuns.newRunDir("executor-loss");
                Path log = run.resolveSibling(run.getFileName() + ".log");
                Process p = SampleRuns.startWinnow(run, cluster.masterUrl(), log);
                try {
                    SampleRuns.awaitLog(log, "fuzzy-dedup ...", p, Duration.ofMinutes(12));
                    Map<Path, Integer> logged = stderrLengths(cluster);
                    ProcessHandle victim = awaitTaskStart(cluster, logged, p, Duration.ofMinutes(2));
                    List<ProcessHandle> executors = cluster.executors();
                    assertEquals(2, executors.size(), "executors of this cluster: " + executors);
                    assertFalse(SampleRuns.read(log).contains("fuzzy-dedup: in"),
                            "fuzzy dedup ended before the kill; the test needs a slower stage");
                    assertTrue(victim.destroyForcibly(), "SIGKILL " + victim.pid()); // kill -9
                    assertTrue(victim.onExit().get(30, TimeUnit.SECONDS) != null);

                    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the run did not end in 15 minutes");
                } finally {
                    SampleRuns.kill(p);
                }
                String out = SampleRuns.read(log);
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains("Lost executor"), "the driver saw no lost executor:\n" + out);
                assertTrue(out.contains("winnow: done."), out);
                // The Worker whose executor died launched another: three executor folders for the app.
                assertTrue(cluster.executorFolders().size() >= 3, "executors launched: " + cluster.executorFolders());
                SampleRuns.Digest.of(run).assertSameAs(reference, "run with a killed executor");
            }
        });
    }

    /** How long each executor's stderr is now (Spark logs every task an executor starts there, at INFO). */
    private static Map<Path, Integer> stderrLengths(StandaloneCluster cluster) {
        Map<Path, Integer> lengths = new HashMap<>();
        for (Path folder : cluster.executorFolders()) {
            lengths.put(folder, SampleRuns.read(folder.resolve("stderr")).length());
        }
        return lengths;
    }

    /**
     * The first executor that logs "Running task" beyond its {@code logged} length: one of the
     * fuzzy stage's tasks has started there, so killing it now loses work of this stage, whatever
     * the machine's speed (a fixed delay after the stage's start line could miss the stage).
     */
    private static ProcessHandle awaitTaskStart(StandaloneCluster cluster, Map<Path, Integer> logged, Process run,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Path folder : cluster.executorFolders()) {
                if (logSince(folder.resolve("stderr"), logged.getOrDefault(folder, 0)).contains("Running task")) {
                    Optional<ProcessHandle> executor = cluster.executorIn(folder);
                    if (executor.isPresent()) {
                        return executor.get();
                    }
                }
            }
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no executor started a fuzzy-dedup task (run alive: " + run.isAlive() + ")");
            }
            Thread.sleep(20);
        }
    }

    private static String logSince(Path file, int offset) {
        String log = SampleRuns.read(file);
        return log.substring(Math.min(offset, log.length()));
    }
}
