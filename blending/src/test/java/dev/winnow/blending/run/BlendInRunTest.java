package dev.winnow.blending.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlendInRunTest {
    @TempDir
    Path run;

    private void record(String stage, int index, String input, String output, String started) throws IOException {
        Path dir = run.resolve("stages").resolve(StageChain.folder(index, stage));
        Files.createDirectories(dir);
        // Fields the trainer does not read are ignored, as in a real _STAGE.json.
        Files.writeString(dir.resolve(StageRecord.FILE_NAME), """
                {"stage": "%s", "index": %d, "configHash": "c", "inputFingerprint": "%s",
                 "outputFingerprint": "%s", "in": 3, "kept": 3, "rejected": 0, "started": "%s",
                 "metrics": {"tokens": 12}}
                """.formatted(stage, index, input, output, started));
    }

    private Path blend() throws IOException {
        return Files.createDirectories(run.resolve("blend"));
    }

    private void threeStages() throws IOException {
        record("ingest", 1, "files", "i1", "2026-11-27T10:00:00Z");
        record("decontaminate", 2, "i1", "d1", "2026-11-27T10:01:00Z");
        record("blend", 3, "d1", "b1", "2026-11-27T10:02:00Z");
    }

    @Test
    void theBlendOfAWholeRunIsCurrent() throws IOException {
        threeStages();
        assertEquals(new BlendInRun(BlendInRun.Status.CURRENT, "03-blend (started 2026-11-27T10:02:00Z)"),
                BlendInRun.of(blend()));
    }

    @Test
    void aStageBeforeTheBlendRunAgainMakesItStale() throws IOException {
        threeStages();
        record("decontaminate", 2, "i1", "d2", "2026-11-27T11:00:00Z"); // winnow run --to decontaminate
        assertEquals(new BlendInRun(BlendInRun.Status.STALE,
                "stages/03-blend: its input is not the output of 02-decontaminate, the stage before it now; "
                        + "the run's current output ends at stages/02-decontaminate"),
                BlendInRun.of(blend()));
    }

    @Test
    void aBlendWithoutItsStageRecordIsStale() throws IOException {
        record("ingest", 1, "files", "i1", "2026-11-27T10:00:00Z");
        assertEquals(BlendInRun.Status.STALE, BlendInRun.of(blend()).status());
    }

    @Test
    void anUnreadableRecordCountsAsAnIncompleteStage() throws IOException {
        threeStages();
        Files.writeString(run.resolve("stages/02-decontaminate").resolve(StageRecord.FILE_NAME), "{\"stage\": ");
        assertEquals(new BlendInRun(BlendInRun.Status.STALE, "stages/03-blend: the stage before it is stale or missing; "
                + "the run's current output ends at stages/01-ingest"),
                BlendInRun.of(blend()));
    }

    @Test
    void aCopiedBlendIsNotChecked() throws IOException {
        Path copy = Files.createDirectories(run.resolve("elsewhere/blend"));
        assertEquals(BlendInRun.Status.NOT_IN_A_RUN, BlendInRun.of(copy).status());
        threeStages();
        Path renamed = Files.createDirectories(run.resolve("blend-2026-11"));
        assertEquals(BlendInRun.Status.NOT_IN_A_RUN, BlendInRun.of(renamed).status());
    }
}
