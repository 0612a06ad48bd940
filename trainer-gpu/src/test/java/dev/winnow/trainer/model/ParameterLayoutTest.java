package dev.winnow.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

  @Test
  void wholeModelHoldsEveryParameterOnce() {
    GptConfig config = TinyModels.tiny();
    ParameterLayout layout = new ParameterLayout(config, ModelShard.whole(config));
    assertEquals(config.parameters(), layout.size());
  }

  @Test
  void initialisationFollowsMtNlg() {
    GptConfig config = new GptConfig("init", 4, 96, 4, 16, 500, 512);
    ParameterLayout layout = new ParameterLayout(config, ModelShard.whole(config));
    double[] v = layout.initialValues(1);
    double sigma = Math.sqrt(1.0 / (3 * 96));
    assertEquals(sigma, std(v, layout.get("h0.mlp.fc.weight")), 0.03 * sigma);
    assertEquals(sigma, std(v, layout.get("wte")), 0.03 * sigma);
    double outSigma = sigma / Math.sqrt(2 * 4);
    assertEquals(outSigma, std(v, layout.get("h3.attn.proj.weight")), 0.05 * outSigma);
    assertEquals(outSigma, std(v, layout.get("h1.mlp.proj.weight")), 0.05 * outSigma);
    ParameterSpec ln = layout.get("h2.ln1.weight");
    assertEquals(1.0, v[(int) ln.offset()], 0.0);
    assertEquals(0.0, v[(int) layout.get("h2.mlp.fc.bias").offset()], 0.0);
    assertFalse(layout.get("h0.ln2.bias").decay());
    assertTrue(layout.get("h0.attn.qkv.weight").decay());
  }

  @Test
  void tensorParallelShardsPartitionEveryGlobalTensor() {
    for (Sharding s : new Sharding[] {Sharding.ROWS, Sharding.QKV_ROWS, Sharding.COLUMNS}) {
      int rows = 12;
      int cols = 8;
      Set<Long> seen = new HashSet<>();
      for (int r = 0; r < 2; r++) {
        for (long g : s.globalIndices(rows, cols, r, 2)) {
          assertTrue(seen.add(g), s + " gives element " + g + " twice");
        }
      }
      assertEquals(rows * cols, seen.size(), s.name());
    }
  }

  @Test
  void shardsOfTheSameSeedSliceTheSameGlobalModel() {
    GptConfig config = TinyModels.tiny();
    ParameterLayout whole = new ParameterLayout(config, ModelShard.whole(config));
    double[] full = whole.initialValues(9);
    ModelShard shard = ModelShard.of(config, 1, 2, 1, 2);
    ParameterLayout part = new ParameterLayout(config, shard);
    double[] local = part.initialValues(9);
    for (ParameterSpec p : part.parameters()) {
      ParameterSpec g = whole.get(p.name());
      long[] idx = p.sharding().globalIndices(p.rows(), p.cols(), 1, 2);
      for (int i = 0; i < idx.length; i++) {
        assertEquals(full[(int) (g.offset() + idx[i])], local[(int) p.offset() + i], 0.0,
            p.name());
      }
    }
  }

  private static double std(double[] v, ParameterSpec p) {
    double s = 0;
    double ss = 0;
    for (long i = p.offset(); i < p.end(); i++) {
      s += v[(int) i];
      ss += v[(int) i] * v[(int) i];
    }
    double mean = s / p.localSize();
    return Math.sqrt(ss / p.localSize() - mean * mean);
  }
}
