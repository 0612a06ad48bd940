package dev.winnow.jobs.cli;

import dev.winnow.jobs.run.StageManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code winnow status}: a run folder's state from its files alone. */
class StatusCommandTest extends ConsoleCapture {
    @TempDir
    Path run;

    private void stage(String stage, int index, String input, String output) throws IOException {
        Path dir = Files.createDirectories(run.resolve("stages").resolve(String.format("%02d-%s", index, stage)));
        Files.write(dir.resolve(StageManifest.FILE_NAME), new StageManifest(stage, index, "c", input, output, 10, 8, 2,
                Map.of(), Map.of(), List.of(), "2026-11-27T10:0" + index + ":00Z", 1500L * index, null, null, Map.of(),
                null, null, List.of(), null).toJson());
    }

    /** Two stages committed, the third being written, and a lock last rewritten {@code age} ago. */
    private void runOnItsThirdStage(Duration age) throws IOException {
        stage("ingest", 1, "files", "i1");
        stage("clean", 2, "i1", "c1");
        stage("language", 3, "c0", "l0"); // from an earlier run, before clean ran again
        Path part = Files.createDirectories(run.resolve("pending/stages-03-language")).resolve("part-0.parquet");
        Files.writeString(part, "x".repeat(2500));
        Path lock = run.resolve("_RUNNING.json");
        Files.writeString(lock, "{\"application\": \"app-7\", \"host\": \"another-host\", \"pid\": 1, "
                + "\"started\": \"2026-11-27T10:00:00Z\"}");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void aRunningRunIsShownWithItsStageInProgress() throws IOException {
        runOnItsThirdStage(Duration.ofSeconds(20));
        assertEquals(0, WinnowCli.execute("status", "--run", run.toString()));
        String out = output();
        assertTrue(out.contains("\nrunning: application app-7 (host another-host, pid 1, started 2026-11-27T10:00:00Z), "
                + "last heartbeat 2"), out);
        assertTrue(out.contains("\nin progress: 03-language (2.5 kB written so far)\n"), out);
        assertTrue(out.contains("\n  01-ingest            in 10  kept 8  rejected 2  (1.5 s, 2026-11-27T10:01:00Z)\n"
                + "  02-clean             in 10  kept 8  rejected 2  (3.0 s, 2026-11-27T10:02:00Z)\n"), out);
        assertTrue(out.contains("stage folders from before this run (it rewrites those it reaches):\n"
                + "  03-language: its input is not the output of 02-clean, the stage before it now\n"), out);

        // Before a stage has written anything, the stage after the last committed one.
        clearOutput();
        try (var files = Files.walk(run.resolve("pending"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertEquals(0, WinnowCli.execute("status", "--run", run.toString()));
        assertTrue(output().contains("\nin progress: the stage after stages/02-clean (nothing written yet)\n"), output());
    }

    @Test
    void theHeartbeatSaysHowFarTheStageHasCome() throws IOException {
        runOnItsThirdStage(Duration.ofSeconds(20));
        Path lock = run.resolve("_RUNNING.json");
        FileTime beat = Files.getLastModifiedTime(lock);
        String started = beat.toInstant().minus(Duration.ofMinutes(12)).toString();
        Files.writeString(lock, "{\"application\": \"app-7\", \"host\": \"another-host\", \"pid\": 1, "
                + "\"started\": \"2026-11-27T10:00:00Z\", \"activity\": {\"index\": 3, \"stage\": \"language\", "
                + "\"stageStarted\": \"" + started + "\", \"spark\": [{\"stageId\": 43, \"done\": 1812, "
                + "\"running\": 64, \"total\": 2000}, {\"stageId\": 44, \"done\": 0, \"running\": 0, \"total\": 200}]}}");
        Files.setLastModifiedTime(lock, beat);
        assertEquals(0, WinnowCli.execute("status", "--run", run.toString()));
        assertTrue(output().contains("\nworking on 03-language for 12 min at the last heartbeat:\n"
                + "  Spark stage 43: 1,812 of 2,000 tasks done, 64 running\n"
                + "  Spark stage 44: 0 of 200 tasks done, 0 running\n"
                + "in progress: 03-language (2.5 kB written so far)\n"), output());

        // A run whose heartbeat stopped: where it was, for the post-mortem.
        clearOutput();
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(30))));
        assertEquals(0, WinnowCli.execute("status", "--run", run.toString()));
        assertTrue(output().contains("\nwas working on 03-language for "), output());
    }

    @Test
    void aLockWithoutHeartbeatIsARunThatStopped() throws IOException {
        runOnItsThirdStage(Duration.ofMinutes(30));
        assertEquals(0, WinnowCli.execute("status", "--run", run.toString()));
        String out = output();
        assertTrue(out.contains("\nnot running: a lock left by application app-7 (host another-host, pid 1, started "
                + "2026-11-27T10:00:00Z), last heartbeat 30 min ago; the next run takes it over (no heartbeat for "), out);
        assertTrue(out.contains("\nleft by a run that stopped: pending/stages-03-language (2.5 kB); the next run of the "
                + "stage clears it, winnow prune deletes it\n"), out);
        assertTrue(out.contains("stale stage folders (winnow prune --run " + run + " deletes them):\n"), out);
    }

    @Test
    void aFolderWithNothingOfARunIsNotOne() {
        assertEquals(2, WinnowCli.execute("status", "--run", run.resolve("empty").toString()));
        assertTrue(output().contains("not a run folder"), output());
    }
}
