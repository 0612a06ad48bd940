package dev.winnow.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.cli.WinnowTrainCli;
import dev.winnow.trainer.data.TestBlend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A run's blend/ that its stages have moved past is refused, unless data.allow-stale-blend. */
class StaleBlendCheckTest {

  @TempDir
  Path run;

  private void record(String stage, int index, String input, String output, String started)
      throws IOException {
    Path dir = run.resolve("stages").resolve(String.format("%02d-%s", index, stage));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("_STAGE.json"), "{\"stage\": \"" + stage + "\", \"index\": "
        + index + ", \"inputFingerprint\": \"" + input + "\", \"outputFingerprint\": \"" + output
        + "\", \"started\": \"" + started + "\", \"kept\": 1}");
  }

  /** A run of ingest, decontaminate and blend, with its blend folder. */
  private Path wholeRun() throws IOException {
    record("ingest", 1, "files", "i1", "2026-11-27T10:00:00Z");
    record("decontaminate", 2, "i1", "d1", "2026-11-27T10:01:00Z");
    record("blend", 3, "d1", "b1", "2026-11-27T10:02:00Z");
    return TestBlend.write(run.resolve("blend"), 4000, new TestBlend.Spec("a", 1.0,
        TestBlend.randomDocuments(1, 40, 30), 1));
  }

  private String check(Path blend, boolean allowStale) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StaleBlendCheck.check(new TrainConfig.Blend(blend, run.resolve("cache"), 1, allowStale, false),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theCurrentBlendIsTrainedOnAndSaidToBe() throws IOException {
    String log = check(wholeRun(), false);
    assertTrue(log.contains("its run's current output: 03-blend (started 2026-11-27T10:02:00Z)"), log);
  }

  @Test
  void aStaleBlendIsTrainedOnWithAWarningWhenAllowed() throws IOException {
    Path blend = wholeRun();
    record("decontaminate", 2, "i1", "d2", "2026-11-27T11:00:00Z");
    String log = check(blend, true);
    assertTrue(log.startsWith("warning: blend " + blend + " is not its run's current output: "
        + "stages/03-blend: its input is not the output of 02-decontaminate"), log);
  }

  @Test
  void theCommandRefusesAStaleBlendInOneLineNamingTheFix() throws IOException {
    Path blend = wholeRun();
    record("decontaminate", 2, "i1", "d2", "2026-11-27T11:00:00Z"); // winnow run --to decontaminate
    Path conf = run.resolve("train.conf");
    TinyTrainConfig.write(conf, 1,
        "micro-batch = 1",
        "steps = 1",
        "data.blend = \"" + blend + "\"",
        "out = \"" + run.resolve("out") + "\"");
    StringWriter err = new StringWriter();
    CommandLine cli = WinnowTrainCli.commandLine().setErr(new PrintWriter(err, true));
    assertEquals(2, cli.execute("run", "--config", conf.toString()));
    String message = err.toString().strip();
    assertTrue(message.startsWith("winnow-train: blend " + blend + " is not its run's current output: "
        + "stages/03-blend: its input is not the output of 02-decontaminate, the stage before it now; "
        + "the run's current output ends at stages/02-decontaminate."), message);
    assertTrue(message.contains("Run `bin/winnow run` with the run's config"),
        message);
    assertTrue(message.contains("train.data.allow-stale-blend = true"), message);
    assertEquals(1, message.lines().count(), "one line, no stack trace: " + message);
    assertTrue(Files.notExists(run.resolve("out/train.csv")), "nothing trained");
  }
}
