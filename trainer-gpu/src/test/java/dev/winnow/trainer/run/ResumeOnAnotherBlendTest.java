package dev.winnow.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.cli.WinnowTrainCli;
import dev.winnow.trainer.data.TestBlend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A checkpoint remembers what its samples were drawn from: resumed on a blend rebuilt since, its
 * consumed-sample count would point into another sequence, so that is refused unless asked for.
 */
class ResumeOnAnotherBlendTest {

  @TempDir
  Path tmp;

  private void writeBlend(long seed) throws IOException {
    Path blend = tmp.resolve("blend");
    if (Files.exists(blend)) {
      try (var files = Files.walk(blend)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    TestBlend.write(blend, 4000, new TestBlend.Spec("a", 1.0, TestBlend.randomDocuments(seed, 40, 30), 1));
  }

  private Path config(String name, String extra) throws IOException {
    Path conf = tmp.resolve(name);
    TinyTrainConfig.write(conf, 1,
        "threads-per-rank = 1",
        "micro-batch = 2",
        "batch { start-rows = 2, end-rows = 2, increment-rows = 2, ramp-tokens = 0 }",
        "steps = 4",
        "data.blend = \"" + tmp.resolve("blend") + "\"",
        "eval { interval = 2, batches = 1 }",
        "checkpoint { dir = \"" + tmp.resolve("ckpt") + "\", interval = 2 }",
        "out = \"" + tmp.resolve(name + "-out") + "\"",
        extra);
    return conf;
  }

  private int run(Path conf, StringWriter err) {
    CommandLine cli = WinnowTrainCli.commandLine().setErr(new PrintWriter(err, true));
    return cli.execute("run", "--config", conf.toString());
  }

  @Test
  void aCheckpointResumesOnItsOwnBlendAndIsRefusedOnARebuiltOne() throws IOException {
    writeBlend(1);
    assertEquals(0, run(config("first.conf", ""), new StringWriter()));
    String resume = "checkpoint.resume-from = \"" + tmp.resolve("ckpt/step-000002") + "\"\ncheckpoint.interval = 0";
    assertEquals(0, run(config("same.conf", resume), new StringWriter()), "the same blend resumes");

    writeBlend(2); // the pipeline ran again: other documents, another manifest
    StringWriter err = new StringWriter();
    assertEquals(2, run(config("rebuilt.conf", resume), err));
    String message = err.toString().strip();
    assertTrue(message.startsWith("winnow-train: checkpoint " + tmp.resolve("ckpt/step-000002")
        + ": it was trained on blend test (manifest sha256 "), message);
    assertTrue(message.contains("seq-len 8, seed 1234, held out 0.1; this run reads blend test (manifest sha256 ")
        && message.contains(", so sample 4 onward is another sequence."), message);
    assertTrue(message.endsWith("set train.data.resume-on-another-blend = true to go on with this one from the "
        + "same position."), message);
    assertTrue(Files.notExists(tmp.resolve("rebuilt.conf-out/train.csv")), "nothing trained");

    assertEquals(0, run(config("allowed.conf", resume + "\ndata.resume-on-another-blend = true"),
        new StringWriter()));
    List<String> csv = Files.readAllLines(tmp.resolve("allowed.conf-out/train.csv"));
    assertEquals("3", csv.get(1).split(",")[0], "went on from step 3");
    // A checkpoint from before the record holds the count alone, and resumes as before.
    Path props = tmp.resolve("ckpt/step-000002/checkpoint.properties");
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newInputStream(props)) {
      p.load(in);
    }
    assertTrue(p.getProperty("loader").startsWith("4|blend test (manifest sha256 "), p.getProperty("loader"));
    p.setProperty("loader", "4");
    try (var out = Files.newOutputStream(props)) {
      p.store(out, null);
    }
    assertEquals(0, run(config("old.conf", resume), new StringWriter()));
  }
}
