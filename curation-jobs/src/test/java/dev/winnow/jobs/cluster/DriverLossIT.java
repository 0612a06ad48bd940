package dev.winnow.jobs.cluster;

import dev.winnow.jobs.testing.StandaloneCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver JVM (SparkSubmit, started by {@code bin/winnow run}) killed while decontaminate runs:
 * running the same command again takes over the dead driver's run folder lock, skips the committed
 * stages, redoes decontaminate from scratch (its pending output is not trusted) and ends with the
 * clean run's output.
 */
class DriverLossIT {
    private static final List<String> BEFORE = List.of("ingest", "clean", "language", "quality", "exact-dedup",
            "fuzzy-dedup");

    @Test
    void aRunResumesAfterALostDriver() {
        assertTimeoutPreemptively(Duration.ofMinutes(25), () -> {
            SampleRuns.Digest reference = SampleRuns.reference();
            try (StandaloneCluster cluster = StandaloneCluster.start("driver-loss", 2, "1g")) {
                Path run = SampleRuns.newRunDir("driver-loss");
                Path log = run.resolveSibling(run.getFileName() + ".log");
                Process p = SampleRuns.startWinnow(run, cluster.masterUrl(), log);
                try {
                    SampleRuns.awaitLog(log, "decontaminate ...", p, Duration.ofMinutes(12));
                    Thread.sleep(1000);
                    List<ProcessHandle> drivers = p.descendants()
                            .filter(d -> LocalCluster.commandLine(d).contains("org.apache.spark.deploy.SparkSubmit"))
                            .toList();
                    assertEquals(1, drivers.size(), "driver JVMs under bin/winnow: " + drivers);
                    assertFalse(SampleRuns.read(log).contains("decontaminate: in"),
                            "decontaminate ended before the kill; the test needs a slower stage");
                    assertTrue(drivers.get(0).destroyForcibly()); // kill -9
                    assertTrue(p.waitFor(1, TimeUnit.MINUTES), "bin/winnow did not end with its driver");
                } finally {
                    SampleRuns.kill(p);
                }
                assertNotEquals(0, p.exitValue(), "bin/winnow passes on the driver's death");
                assertFalse(Files.exists(run.resolve("stages/07-decontaminate/_STAGE.json")), "decontaminate committed");
                assertTrue(Files.exists(run.resolve("_RUNNING.json")), "the dead driver's run folder lock is left");
                assertTrue(Files.exists(run.resolve("stages/06-fuzzy-dedup/_STAGE.json")), "fuzzy dedup not committed");

                Path log2 = run.resolveSibling(run.getFileName() + "-again.log");
                Process again = SampleRuns.startWinnow(run, cluster.masterUrl(), log2);
                try {
                    assertTrue(again.waitFor(15, TimeUnit.MINUTES), "the second run did not end in 15 minutes");
                } finally {
                    SampleRuns.kill(again);
                }
                String out = SampleRuns.read(log2);
                assertEquals(0, again.exitValue(), out);
                for (String stage : BEFORE) {
                    assertTrue(out.contains(stage + ": up to date, skipped"), stage + " ran again:\n" + out);
                }
                // Its lock names a process of this host that is gone: taken over at once, not waited out.
                assertTrue(out.contains("winnow: taking over run folder") && out.contains("on this host is gone"), out);
                assertFalse(Files.exists(run.resolve("_RUNNING.json")), "the second run left its lock");
                assertTrue(out.contains("decontaminate: in "), "decontaminate did not run again:\n" + out);
                assertTrue(out.contains("blend: in "), out);
                // Nothing half-written is left (the runner may leave pending/ itself, empty).
                if (Files.exists(run.resolve("pending"))) {
                    try (var left = Files.list(run.resolve("pending"))) {
                        assertEquals(List.of(), left.toList(), "left in pending/");
                    }
                }
                SampleRuns.Digest.of(run).assertSameAs(reference, "run resumed after a lost driver");
            }
        });
    }
}
