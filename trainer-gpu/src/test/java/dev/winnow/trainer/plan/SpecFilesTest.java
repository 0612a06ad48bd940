package dev.winnow.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.model.GptConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {
  static final List<String> A100_LINES = List.of("name = my-a100", "gpus-per-node = 8",
      "peak-tflops = 312", "gpu-memory-gib = 80", "nvlink-gbytes-per-sec = 300",
      "infiniband-gbits-per-sec = 200");
  static final List<String> GPT_1B_LINES = List.of("name = gpt-1b", "layers = 24",
      "hidden = 2048", "heads = 16", "seq-len = 2048", "vocab = 50257", "padded-vocab = 50304");

  @TempDir
  Path dir;

  static Path write(Path dir, String name, List<String> lines) {
    try {
      return Files.write(dir.resolve(name), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines without the one for {@code key}, plus {@code extra}. */
  static List<String> without(List<String> lines, String key, String... extra) {
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith(key + " ")) {
        kept.add(line);
      }
    }
    kept.addAll(List.of(extra));
    return kept;
  }

  String clusterError(List<String> lines) {
    Path file = write(dir, "c.conf", lines);
    return assertThrows(IllegalArgumentException.class, () -> SpecFiles.cluster(file))
        .getMessage();
  }

  String modelError(List<String> lines) {
    Path file = write(dir, "m.conf", lines);
    return assertThrows(IllegalArgumentException.class, () -> SpecFiles.model(file))
        .getMessage();
  }

  @Test
  void aClusterFileMatchesTheBuiltInItDescribes() {
    ClusterSpec read = SpecFiles.cluster(write(dir, "c.conf", A100_LINES));
    ClusterSpec builtIn = ClusterSpec.named("dgx-a100-80g");
    assertEquals(new ClusterSpec("my-a100", builtIn.gpusPerNode(), builtIn.peakFlopsPerGpu(),
        builtIn.gpuMemoryBytes(), builtIn.nvlinkBytesPerSecPerGpu(),
        builtIn.infinibandBytesPerSecPerGpu()), read);
  }

  @Test
  void aModelFileReadsEveryKeyAndPaddedVocabIsOptional() {
    assertEquals(new GptConfig("gpt-1b", 24, 2048, 16, 2048, 50257, 50304),
        SpecFiles.model(write(dir, "m.conf", GPT_1B_LINES)));
    GptConfig unpadded = SpecFiles.model(write(dir, "u.conf",
        without(GPT_1B_LINES, "padded-vocab")));
    assertEquals(50257, unpadded.paddedVocab());
  }

  @Test
  void errorsNameTheMissingOrMistypedKey() {
    assertTrue(clusterError(without(A100_LINES, "peak-tflops")).contains(
        "missing key 'peak-tflops'"));
    assertTrue(clusterError(without(A100_LINES, "gpus-per-node", "gpus-per-node = eight"))
        .contains("key 'gpus-per-node'"));
    assertTrue(modelError(without(GPT_1B_LINES, "hidden")).contains("missing key 'hidden'"));
    assertTrue(modelError(without(GPT_1B_LINES, "layers", "layers = 2.5"))
        .contains("key 'layers'"));
  }

  @Test
  void errorsNameTheInvalidValueAndTheFile() {
    String zeroGpus = clusterError(without(A100_LINES, "gpus-per-node", "gpus-per-node = 0"));
    assertTrue(zeroGpus.contains("c.conf") && zeroGpus.contains("gpus-per-node must be > 0"),
        zeroGpus);
    String badHeads = modelError(without(GPT_1B_LINES, "heads", "heads = 3"));
    assertTrue(badHeads.contains("must be a multiple of heads (3)"), badHeads);
  }

  @Test
  void syntaxErrorsAndMissingFilesAreReported() {
    assertTrue(clusterError(List.of("name = {")).contains("c.conf"));
    Path absent = dir.resolve("absent.conf");
    String message = assertThrows(IllegalArgumentException.class,
        () -> SpecFiles.cluster(absent)).getMessage();
    assertTrue(message.contains("no such file"), message);
  }

  @Test
  void namesWinOverFilesAndUnknownNamesListTheBuiltIns() {
    assertEquals(ClusterSpec.named("dgx-h100-80g"), SpecFiles.clusterNamedOrFile("DGX-H100-80G"));
    String message = assertThrows(IllegalArgumentException.class,
        () -> SpecFiles.modelNamedOrFile("gpt-9")).getMessage();
    assertTrue(message.contains("unknown model 'gpt-9'") && message.contains("mt-nlg-530b"),
        message);
  }
}
