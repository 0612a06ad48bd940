package dev.winnow.jobs.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: help everywhere, exit code 2 and a message naming the problem. */
class WinnowCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

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
