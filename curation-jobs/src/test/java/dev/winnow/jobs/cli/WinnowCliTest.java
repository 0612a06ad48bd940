package dev.winnow.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: help everywhere, exit code 2 and a message naming the problem. */
class WinnowCliTest extends ConsoleCapture {
    @TempDir
    Path dir;


    @Test
    void helpForEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"stage", "--help"}, {"stages", "--help"},
                {"bench", "ingest", "--help"}}) {
            assertEquals(0, WinnowCli.execute(args), String.join(" ", args));
        }
        String text = output();
        assertTrue(text.contains("--config") && text.contains("--set") && text.contains("--from"), text);
    }

    @Test
    void stagesListsTheMainClasses() {
        assertEquals(0, WinnowCli.execute("stages"));
        assertTrue(output().contains("dev.winnow.jobs.stages.IngestStage"), output());
        assertTrue(output().contains("dev.winnow.jobs.stages.CleanStage"), output());
    }

    @Test
    void configProblemsExitWithTwoAndNameTheKey() throws IOException {
        assertEquals(2, WinnowCli.execute("run", "--config", dir.resolve("missing.conf").toString()));
        assertTrue(output().contains("missing.conf"), output());

        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "winnow { clean { min-chars = 10, colour = red } }");
        assertEquals(2, WinnowCli.execute("run", "--config", conf.toString()));
        assertTrue(output().contains("unknown key 'winnow.clean.colour'"), output());
    }

    @Test
    void unknownStageAndBadUsage() {
        assertEquals(2, WinnowCli.execute("stage", "polish"));
        assertTrue(output().contains("unknown stage 'polish'"), output());
        assertEquals(2, WinnowCli.execute("run", "--no-such-flag"));
        assertTrue(output().contains("--no-such-flag"), output());
    }
}
