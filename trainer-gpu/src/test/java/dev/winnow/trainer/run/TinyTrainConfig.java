package dev.winnow.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Training configs for tests: the shipped recipe's defaults, a tiny model, and the lines given. */
final class TinyTrainConfig {
  static final Path CONF = Path.of("..", "conf", "train").toAbsolutePath().normalize();

  private TinyTrainConfig() {}

  /**
   * Writes {@code file}: {@code recipe.conf} included, then a {@code train} block with a model of
   * {@code layers} layers (hidden 16, 2 heads, seq-len 8), learning rate 6e-4 and one row per step,
   * then {@code lines}.
   */
  static Path write(Path file, int layers, String... lines) throws IOException {
    List<String> all = new ArrayList<>(List.of(
        "include file(\"" + CONF.resolve("recipe.conf") + "\")",
        "train {",
        "  model { name = tiny, layers = " + layers + ", hidden = 16, heads = 2, seq-len = 8,"
            + " vocab = 50257, pad-vocab-to = 128 }",
        // a tiny model's rate and batch, not the recipe's 530B ones; the lines given may override
        "  lr.peak = 6e-4",
        "  batch { start-rows = 1, end-rows = 1, increment-rows = 1, ramp-tokens = 0 }"));
    for (String line : lines) {
      all.add("  " + line);
    }
    all.add("}");
    Files.writeString(file, String.join("\n", all));
    return file;
  }
}
