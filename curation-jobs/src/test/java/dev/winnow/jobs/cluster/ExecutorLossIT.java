package dev.winnow.jobs.cluster;

import dev.winnow.jobs.testing.StandaloneCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed ({@code kill -9}) while fuzzy dedup runs: Spark reruns the lost tasks and
 * shuffle outputs, the Worker launches a new executor, and the run ends with the clean run's output.
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
                    Thread.sleep(1500); // into the stage's first jobs
                    List<ProcessHandle> executors = cluster.executors();
                    assertEquals(2, executors.size(), "executors of this cluster: " + executors);
                    assertFalse(SampleRuns.read(log).contains("fuzzy-dedup: in"),
                            "fuzzy dedup ended before the kill; the test needs a slower stage");
                    ProcessHandle victim = executors.get(0);
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
}
