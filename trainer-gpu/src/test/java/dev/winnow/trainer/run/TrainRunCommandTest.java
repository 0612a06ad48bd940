package dev.winnow.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainRunCommandTest {
  private static final Path CONF = Path.of("..", "conf", "train").toAbsolutePath().normalize();
  private static final Path SAMPLE = Path.of("..", "conf", "sample").toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  @Test
  void shippedConfigsParse() {
    TrainConfig c = TrainConfig.load(CONF.resolve("small-6l-384.conf").toFile());
    assertEquals("small-6l-384", c.trainer().model().name());
    assertEquals(0.95, c.trainer().recipe().beta2(), 0.0);
    assertEquals(4, c.batch().globalBatchSize(0));
  }

  @Test
  void trainsATinyModelOnTheSampleTextWritesCsvAndResumes() throws Exception {
    Path conf = tmp.resolve("tiny.conf");
    TinyTrainConfig.write(conf, 2,
        "parallel { tp = 2, pp = 1, dp = 1 }",
        "threads-per-rank = 1",
        "micro-batch = 2",
        "batch { start-rows = 2, end-rows = 4, increment-rows = 2, ramp-tokens = 32 }",
        "steps = 4",
        "lr { peak = 1e-2, warmup-tokens = 16, decay-tokens = 200 }",
        "data.datasets = [{ path = \"" + SAMPLE.resolve("books") + "\" },"
            + " { path = \"" + SAMPLE.resolve("forum") + "\", field = body }]",
        "eval { interval = 2, batches = 1 }",
        "checkpoint { dir = \"" + tmp.resolve("ckpt") + "\", interval = 2 }",
        "out = \"" + tmp.resolve("out") + "\"");
    int code = new CommandLine(new TrainRunCommand()).execute("--config", conf.toString());
    assertEquals(0, code);
    List<String> csv = Files.readAllLines(tmp.resolve("out/train.csv"));
    assertEquals(TrainingRun.CSV_HEADER, csv.get(0));
    assertEquals(5, csv.size());
    String[] step2 = csv.get(2).split(",", -1);
    assertEquals("2", step2[0]);
    // batch ramp: 2 rows until 32 tokens are trained, then 4
    assertEquals(2 * 8 + 2 * 8, Integer.parseInt(step2[1]));
    assertEquals(2 * 8 + 2 * 8 + 4 * 8, Integer.parseInt(csv.get(3).split(",")[1]));
    assertTrue(!step2[3].isEmpty(), "validation loss at step 2");
    assertTrue(Files.exists(tmp.resolve("ckpt/step-000004/checkpoint.properties")));

    // resume from step 2 and run to 4: the same CSV rows for steps 3 and 4
    Path resumed = tmp.resolve("resume.conf");
    Files.writeString(resumed, "include file(\"" + conf + "\")\n"
        + "train.checkpoint.resume-from = \"" + tmp.resolve("ckpt/step-000002") + "\"\n"
        + "train.checkpoint.interval = 0\n"
        + "train.out = \"" + tmp.resolve("out2") + "\"\n");
    assertEquals(0, new CommandLine(new TrainRunCommand()).execute("--config",
        resumed.toString()));
    List<String> again = Files.readAllLines(tmp.resolve("out2/train.csv"));
    assertEquals(lossColumns(csv.get(3)), lossColumns(again.get(1)));
    assertEquals(lossColumns(csv.get(4)), lossColumns(again.get(2)));
  }

  @Test
  void trainsOnABlendFolderThroughTheLoaderAndResumesWhereItStopped() throws Exception {
    Path blend = dev.winnow.trainer.data.TestBlend.write(tmp.resolve("blend"), 4000,
        new dev.winnow.trainer.data.TestBlend.Spec("a", 0.7,
            dev.winnow.trainer.data.TestBlend.randomDocuments(1, 40, 30), 2),
        new dev.winnow.trainer.data.TestBlend.Spec("b", 0.3,
            dev.winnow.trainer.data.TestBlend.randomDocuments(2, 20, 60), 1));
    Path conf = tmp.resolve("blend.conf");
    TinyTrainConfig.write(conf, 1,
        "threads-per-rank = 1",
        "micro-batch = 2",
        "batch { start-rows = 2, end-rows = 4, increment-rows = 2, ramp-tokens = 32 }",
        "steps = 4",
        "lr { peak = 1e-2, warmup-tokens = 16, decay-tokens = 200 }",
        "data.blend = \"" + blend + "\"",
        "eval { interval = 2, batches = 1 }",
        "checkpoint { dir = \"" + tmp.resolve("bckpt") + "\", interval = 2 }",
        "out = \"" + tmp.resolve("bout") + "\"");
    assertEquals(0, new CommandLine(new TrainRunCommand()).execute("--config", conf.toString()));
    List<String> csv = Files.readAllLines(tmp.resolve("bout/train.csv"));
    assertEquals(5, csv.size());
    // the loader's ramp: 2 rows until 32 tokens are trained, then 4
    assertEquals(2 * 8 + 2 * 8 + 4 * 8, Integer.parseInt(csv.get(3).split(",")[1]));
    assertTrue(Files.isDirectory(blend.resolveSibling("loader-cache")), "index cached beside the blend");

    Path resumed = tmp.resolve("bresume.conf");
    Files.writeString(resumed, "include file(\"" + conf + "\")\n"
        + "train.checkpoint.resume-from = \"" + tmp.resolve("bckpt/step-000002") + "\"\n"
        + "train.checkpoint.interval = 0\n"
        + "train.out = \"" + tmp.resolve("bout2") + "\"\n");
    assertEquals(0, new CommandLine(new TrainRunCommand()).execute("--config",
        resumed.toString()));
    List<String> again = Files.readAllLines(tmp.resolve("bout2/train.csv"));
    assertEquals(lossColumns(csv.get(3)), lossColumns(again.get(1)));
    assertEquals(lossColumns(csv.get(4)), lossColumns(again.get(2)));
  }

  /** step, tokens, loss, val_loss, lr, grad_norm (not the timings). */
  private static String lossColumns(String line) {
    String[] f = line.split(",", -1);
    return String.join(",", f[0], f[1], f[2], f[3], f[4], f[5]);
  }
}
