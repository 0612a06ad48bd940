package dev.winnow.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {

  /** Exit code, stdout and stderr of one run. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new PlanCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static void assertPrints(String printed, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(printed.contains(fragment), "missing '" + fragment + "' in:\n" + printed);
    }
  }

  @Test
  void printsThePapersLayoutTimeAndMemoryArgument() {
    Run r = run("--model", "mt-nlg-530b", "--cluster", "dgx-a100-80g", "--nodes", "280");
    assertEquals(0, r.exit(), r.err());
    assertPrints(r.out(), "chosen layout: tp=8 pp=35 dp=8", "predicted iteration time: 60.1 s",
        "529.6B parameters x 20 bytes = 10.59 TB", "= 16.91 TB",
        "memory per GPU (first stage)");
  }

  @Test
  void saysNoLayoutFitsOnOneNode() {
    Run r = run("--model", "mt-nlg-530b", "--cluster", "dgx-a100-80g", "--nodes", "1");
    assertEquals(1, r.exit());
    assertPrints(r.out(), "no layout fits");
  }

  @Test
  void readsClusterAndModelFiles(@TempDir Path dir) {
    Path cluster = SpecFilesTest.write(dir, "a100.conf", SpecFilesTest.A100_LINES);
    Path model = SpecFilesTest.write(dir, "gpt.conf", SpecFilesTest.GPT_1B_LINES);
    Run r = run("--model", model.toString(), "--cluster", cluster.toString(), "--nodes", "2",
        "--global-batch", "512");
    assertEquals(0, r.exit(), r.err());
    // 1.3B parameters x 20 bytes fit one GPU: the argument says by how much.
    assertPrints(r.out(), "model gpt-1b: 24 layers", "cluster my-a100: 2 nodes x 8 GPUs = 16 GPUs",
        "(1.3B parameters)", "% of one GPU's 85.9 GB", "chosen layout: tp=");
  }

  @Test
  void rejectsUnknownNamesAndBadStages() {
    Run unknown = run("--model", "mt-nlg-530b", "--cluster", "tpu-v9", "--nodes", "2");
    assertEquals(2, unknown.exit());
    assertPrints(unknown.err(), "unknown cluster 'tpu-v9'");
    Run stage = run("--model", "mt-nlg-530b", "--cluster", "dgx-a100-80g", "--nodes", "280",
        "--zero-stage", "4");
    assertEquals(2, stage.exit());
    assertPrints(stage.err(), "--zero-stage must be 0..3");
  }
}
