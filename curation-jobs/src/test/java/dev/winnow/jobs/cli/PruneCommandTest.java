package dev.winnow.jobs.cli;

import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.QualityStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code winnow prune}: lists, then on --yes deletes, what a run folder holds outside its current output. */
class PruneCommandTest extends ConsoleCapture {
    @TempDir
    Path run;

    private void stage(String stage, int index, String input, String output, String started) throws IOException {
        Path dir = Files.createDirectories(run.resolve("stages").resolve(String.format("%02d-%s", index, stage)));
        Files.writeString(dir.resolve("part-00000.parquet"), "rows of " + stage);
        Files.write(dir.resolve(StageManifest.FILE_NAME), new StageManifest(stage, index, "c", input, output, 1, 1, 0,
                Map.of(), Map.of(), List.of(), started, 0, null, null, Map.of(), null, null, List.of(), null).toJson());
    }

    private void file(String path) throws IOException {
        Files.createDirectories(run.resolve(path).getParent());
        Files.writeString(run.resolve(path), "x".repeat(1500));
    }

    /**
     * First [ingest, clean, quality, blend]; then [ingest, quality] with clean and blend dropped:
     * 02-clean is replaced by the newer 02-quality, 03-quality and 04-blend follow stale input.
     */
    private void runWithCleanAndBlendDropped() throws IOException {
        stage("ingest", 1, "files", "i1", "2026-11-27T10:00:00Z");
        stage("clean", 2, "i1", "c1", "2026-11-27T10:01:00Z");
        stage("quality", 3, "c1", "q1", "2026-11-27T10:02:00Z");
        stage("blend", 4, "q1", "b1", "2026-11-27T10:03:00Z");
        stage("quality", 2, "i1", "q2", "2026-11-27T11:00:00Z");
        file("rejected/clean/part-0.parquet");
        file("rejected/quality/part-0.parquet");
        file("clusters/clean/part-0.parquet");
        file("blend/manifest.json");
        file("pending/stages-03-language/part-0.parquet");
        file("report/index.html");
    }

    @Test
    void listsWithoutDeletingThenDeletesOnlyWhatIsOutsideTheCurrentOutput() throws IOException {
        runWithCleanAndBlendDropped();
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString()));
        String listed = output();
        for (String line : List.of(
                "stages/02-clean .* replaced at position 2 by quality, which ran later",
                "stages/03-quality .* its input is not the output of 02-quality, the stage before it now",
                "stages/04-blend .* the stage before it is stale or missing",
                "rejected/clean .* rejected rows of stage clean, which is not part of the current output",
                "clusters/clean .* clusters of stage clean, which is not part of the current output",
                "blend .* written by stage blend, which is not part of the current output \\(winnow-train refuses it\\)",
                "pending .* left by a run that stopped before committing")) {
            assertTrue(listed.matches("(?s).*\n  " + line + "\n.*") || listed.matches("(?s)  " + line + "\n.*"),
                    line + " in\n" + listed);
        }
        assertFalse(listed.contains("rejected/quality"), "02-quality is current and owns rejected/quality: " + listed);
        long bytes = bytesUnder("stages/02-clean", "stages/03-quality", "stages/04-blend", "rejected/clean",
                "clusters/clean", "blend", "pending");
        assertTrue(listed.endsWith("winnow prune: would delete 7 folders (" + dev.winnow.blending.run.Sizes.bytes(bytes)
                + "). Run again with --yes to delete them.\n"), listed);
        assertTrue(Files.exists(run.resolve("stages/02-clean")) && Files.exists(run.resolve("blend")), "nothing deleted");

        clearOutput();
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString(), "--yes"));
        assertTrue(output().contains("winnow prune: deleted 7 folders"), output());
        for (String gone : List.of("stages/02-clean", "stages/03-quality", "stages/04-blend", "rejected/clean",
                "clusters", "blend", "pending")) {
            assertFalse(Files.exists(run.resolve(gone)), gone);
        }
        for (String kept : List.of("stages/01-ingest/_STAGE.json", "stages/02-quality/_STAGE.json",
                "rejected/quality/part-0.parquet", "report/index.html")) {
            assertTrue(Files.exists(run.resolve(kept)), kept);
        }
        assertFalse(Files.exists(run.resolve("_RUNNING.json")), "the lock is released");

        clearOutput();
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString()));
        assertEquals("winnow prune: nothing to prune in " + run + ": every folder is part of its current output.\n",
                output());
    }

    @Test
    void theTrainersLoaderCacheIsNamedAndLeftAlone() throws IOException {
        stage("ingest", 1, "files", "i1", "2026-11-27T10:00:00Z");
        stage("blend", 2, "i1", "b1", "2026-11-27T10:01:00Z");
        file("blend/manifest.json");
        file("loader-cache/tokens-0123456789abcdef01234567/tokens.bin");
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString(), "--yes"));
        assertTrue(output().contains("winnow prune: loader-cache/ (1.5 kB) is the trainer's and left alone: "
                + "`winnow-train cache --blend " + run.resolve("blend") + "` lists its entries and --prune deletes "
                + "those of other blends.\n"), output());
        assertTrue(Files.exists(run.resolve("loader-cache/tokens-0123456789abcdef01234567/tokens.bin")));

        // The blend stage dropped: the blend is pruned, and nothing in the cache is the run's any more.
        stage("clean", 2, "i1", "c2", "2026-11-27T11:00:00Z");
        clearOutput();
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString(), "--yes"));
        assertFalse(Files.exists(run.resolve("blend")), output());
        assertTrue(output().contains("winnow prune: loader-cache/ (1.5 kB) is the trainer's and left alone: this run "
                + "folder has no current blend, so none of its entries is built from this run's current output.\n"),
                output());
        assertTrue(Files.exists(run.resolve("loader-cache/tokens-0123456789abcdef01234567/tokens.bin")));
    }

    private long bytesUnder(String... paths) throws IOException {
        long n = 0;
        for (String p : paths) {
            try (var files = Files.walk(run.resolve(p))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    n += Files.size(f);
                }
            }
        }
        return n;
    }

    /** ingest, then quality, which trained the model named {@code used} (null: a manifest from before files were recorded). */
    private void runThatTrained(String used) throws IOException {
        stage("ingest", 1, "files", "i1", "2026-11-27T10:00:00Z");
        Path dir = Files.createDirectories(run.resolve("stages/02-quality"));
        Files.write(dir.resolve(StageManifest.FILE_NAME), new StageManifest("quality", 2, "c", "i1", "q1", 1, 1, 0,
                Map.of(), Map.of(), List.of(), "2026-11-27T10:01:00Z", 0, null, null,
                Map.of(QualityStage.FIT_MS_METRIC, 12L), null, null, List.of(), Map.of("quality.alpha", "3"),
                used == null ? null : Map.of(QualityStage.MODEL_FILE, "models/" + used + ".bin",
                        QualityStage.MODEL_REPORT_FILE, "models/" + used + ".eval.txt")).toJson());
        for (String model : List.of("quality-aaaa", "quality-bbbb")) {
            file("models/" + model + ".bin");
            file("models/" + model + ".eval.txt");
        }
    }

    @Test
    void modelsTheCurrentQualityStageDidNotUseArePruned() throws IOException {
        runThatTrained("quality-bbbb");
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString(), "--yes"));
        String out = output();
        assertTrue(out.contains("  models/quality-aaaa.bin ") && out.contains("  models/quality-aaaa.eval.txt ")
                && out.contains("a trained quality model the current quality stage did not use"), out);
        assertTrue(out.contains("winnow prune: deleted 2 files (3.0 kB)"), out);
        assertFalse(Files.exists(run.resolve("models/quality-aaaa.bin")));
        assertTrue(Files.exists(run.resolve("models/quality-bbbb.bin"))
                && Files.exists(run.resolve("models/quality-bbbb.eval.txt")));
    }

    @Test
    void modelsAreLeftAloneWhenTheQualityManifestPredatesRecordingThem() throws IOException {
        runThatTrained(null);
        assertEquals(0, WinnowCli.execute("prune", "--run", run.toString()));
        assertTrue(output().startsWith("winnow prune: nothing to prune"), output());
    }

    @Test
    void deletesNothingWhileARunHoldsTheFolder() throws IOException {
        runWithCleanAndBlendDropped();
        Files.writeString(run.resolve("_RUNNING.json"), "{\"application\": \"app-1\", \"host\": \"another-host\", "
                + "\"pid\": 1, \"started\": \"2026-11-27T11:00:00Z\"}");
        assertEquals(3, WinnowCli.execute("prune", "--run", run.toString(), "--yes"));
        assertTrue(output().contains("is in use by application app-1"), output());
        assertTrue(Files.exists(run.resolve("stages/02-clean")) && Files.exists(run.resolve("pending")));
    }

    @Test
    void aFolderWithoutStagesIsNotARunFolder() {
        assertEquals(2, WinnowCli.execute("prune", "--run", run.resolve("nope").toString()));
        assertTrue(output().contains("has no stages/ folder: not a run folder"), output());
    }
}
