package dev.winnow.trainer.model;

import java.util.Random;

/** Tiny shapes and synthetic token windows for fast tests. */
public final class TinyModels {
  private TinyModels() {}

  /** 2 layers, hidden 16, 2 heads, seq 8, vocab 60 padded to 64 (padding exercised). */
  public static GptConfig tiny() {
    return new GptConfig("tiny", 2, 16, 2, 8, 60, 64);
  }

  /** {@code [batch][seqLen + 1]} random tokens below {@code vocab}. */
  public static int[][] windows(GptConfig config, int batch, long seed) {
    Random r = new Random(seed);
    int[][] w = new int[batch][config.seqLen() + 1];
    for (int[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] = r.nextInt(config.vocab());
      }
    }
    return w;
  }
}
