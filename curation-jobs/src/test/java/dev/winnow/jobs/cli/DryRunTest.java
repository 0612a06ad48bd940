package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.stages.StageCatalog;
import dev.winnow.jobs.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code --dry-run} prints: one line per stage, the changed settings under it, a count. */
class DryRunTest {
    @TempDir
    Path dir;

    private String dryRun(WinnowConfig config, String from, String to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Pipeline pipeline = new Pipeline(SparkTestSession.get(), config, StageCatalog::create, new Progress(out));
        assertEquals(0, DryRun.print(pipeline, from, to, config.stages(), out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEachStageAndWhyItWouldRun() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            text.append("Line ").append(i).append(" of a plain English text about the weather, long enough to keep. ")
                    .append("It rained in the morning and cleared up by the afternoon, as the forecast said.\n\n");
        }
        Files.writeString(dir.resolve("a.txt"), text);
        WinnowConfig config = WinnowConfig.parse("winnow { run-dir = \"" + dir.resolve("run") + "\"\n"
                + " datasets = [{ name = notes, format = text, path = \"" + dir.resolve("a.txt") + "\" }]\n"
                + " clean.min-chars = 50 }\n", List.of());

        String fresh = dryRun(config, null, null);
        assertTrue(fresh.startsWith("winnow: dry run of "), fresh);
        assertTrue(fresh.contains("[1/3] ingest: would run: not run yet\n"), fresh);
        assertTrue(fresh.contains("[3/3] language: would run: not run yet\n"), fresh);
        assertTrue(fresh.endsWith("winnow: 0 of 3 stages up to date, 3 would run.\n"), "no estimate when none ran: " + fresh);
        assertFalse(Files.exists(dir.resolve("run")), "a dry run creates nothing");

        Progress quiet = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        new Pipeline(SparkTestSession.get(), config, StageCatalog::create, quiet).run(null, null, quiet);
        String changed = dryRun(WinnowConfig.parse("winnow { run-dir = \"" + dir.resolve("run") + "\"\n"
                + " datasets = [{ name = notes, format = text, path = \"" + dir.resolve("a.txt") + "\" }]\n"
                + " clean.min-chars = 60 }\n", List.of()), null, null);
        assertTrue(changed.matches("(?s).*\\[1/3\\] ingest: up to date \\(in 1  kept 1  rejected 0; run \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\)\n.*"),
                changed);
        assertTrue(changed.matches("(?s).*\\[2/3\\] clean: would run: its settings changed \\(its last run took [\\d.]+ s\\)\n"
                + "        clean.min-chars: 50 → 60\n.*"), changed);
        assertTrue(changed.matches("(?s).*\\[3/3\\] language: would run: the output of clean will change "
                + "\\(its last run took [\\d.]+ s\\)\n.*"), changed);
        assertTrue(changed.matches("(?s).*\nwinnow: 1 of 3 stages up to date, 2 would run \\([\\d.]+ s the last time\\)\\.\n"),
                changed);

        String one = dryRun(config, "language", "language");
        assertTrue(one.contains("[1/1] language: up to date"), one);
        assertFalse(one.contains("note:"), "no stale folders yet: " + one);

        // clean dropped from the stages and run: the old 02-clean and 03-language are named.
        WinnowConfig noClean = WinnowConfig.parse("winnow { run-dir = \"" + dir.resolve("run") + "\"\n"
                + " datasets = [{ name = notes, format = text, path = \"" + dir.resolve("a.txt") + "\" }]\n"
                + " stages = [ingest, language] }\n", List.of());
        new Pipeline(SparkTestSession.get(), noClean, StageCatalog::create, quiet).run(null, null, quiet);
        String stale = dryRun(noClean, null, null);
        assertTrue(stale.endsWith("winnow: note: stage folders not part of this run's output, left as they are "
                + "(the report leaves them out): 02-clean, 03-language; `winnow prune --run " + dir.resolve("run")
                + "` lists what they hold, and deletes it with --yes\n"), stale);
    }
}
