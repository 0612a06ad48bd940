package dev.winnow.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one shard, laid out back to back in one flat buffer (so data-parallel
 * all-reduce and ZeRO sharding see a single vector): embeddings (first stage), the tied output
 * head (last stage, when it is not also the first), the stage's layers, the final LayerNorm
 * (last stage). Initialisation as MT-NLG: weights Normal(0, √(1/(3H))), the two output
 * projections of each layer additionally scaled by 1/√(2L); biases 0, LayerNorm gains 1.
 */
public final class ParameterLayout {
  private final GptConfig config;
  private final ModelShard shard;
  private final Map<String, ParameterSpec> byName = new LinkedHashMap<>();
  private long size;

  public ParameterLayout(GptConfig config, ModelShard shard) {
    this.config = config;
    this.shard = shard;
    int h = config.hidden();
    double std = Math.sqrt(1.0 / (3.0 * h));
    double outStd = std / Math.sqrt(2.0 * config.layers());
    boolean tpLead = shard.tpRank() == 0;
    if (shard.firstStage()) {
      add("wte", config.paddedVocab(), h, Sharding.ROWS, true, true, std, 0);
      add("wpe", config.seqLen(), h, Sharding.REPLICATED, true, tpLead, std, 0);
    } else if (shard.lastStage()) {
      // The output head is tied to the embedding; the last stage keeps a copy whose gradient
      // is summed with the first stage's (it is counted there).
      add("wte", config.paddedVocab(), h, Sharding.ROWS, true, false, std, 0);
    }
    for (int l = shard.firstLayer(); l < shard.endLayer(); l++) {
      String p = "h" + l + ".";
      addNorm(p + "ln1", tpLead);
      add(p + "attn.qkv.weight", 3 * h, h, Sharding.QKV_ROWS, true, true, std, 0);
      add(p + "attn.qkv.bias", 3 * h, 1, Sharding.QKV_ROWS, false, true, 0, 0);
      add(p + "attn.proj.weight", h, h, Sharding.COLUMNS, true, true, outStd, 0);
      add(p + "attn.proj.bias", h, 1, Sharding.REPLICATED, false, tpLead, 0, 0);
      addNorm(p + "ln2", tpLead);
      add(p + "mlp.fc.weight", 4 * h, h, Sharding.ROWS, true, true, std, 0);
      add(p + "mlp.fc.bias", 4 * h, 1, Sharding.ROWS, false, true, 0, 0);
      add(p + "mlp.proj.weight", h, 4 * h, Sharding.COLUMNS, true, true, outStd, 0);
      add(p + "mlp.proj.bias", h, 1, Sharding.REPLICATED, false, tpLead, 0, 0);
    }
    if (shard.lastStage()) {
      addNorm("lnf", tpLead);
    }
  }

  private void addNorm(String prefix, boolean count) {
    int h = config.hidden();
    add(prefix + ".weight", h, 1, Sharding.REPLICATED, false, count, 0, 1);
    add(prefix + ".bias", h, 1, Sharding.REPLICATED, false, count, 0, 0);
  }

  private void add(String name, int rows, int cols, Sharding sharding, boolean decay,
      boolean countInNorm, double std, double value) {
    long local = sharding.localSize(rows, cols, shard.tpSize());
    byName.put(name, new ParameterSpec(name, size, rows, cols, sharding, local, decay,
        countInNorm, std, value));
    size += local;
  }

  public GptConfig config() {
    return config;
  }

  public ModelShard shard() {
    return shard;
  }

  /** Elements in the flat buffer. */
  public long size() {
    return size;
  }

  public List<ParameterSpec> parameters() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }

  public ParameterSpec get(String name) {
    ParameterSpec s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no parameter '" + name + "' in this shard");
    }
    return s;
  }

  /**
   * This shard's initial values, flat. Each parameter's global tensor is drawn from a stream
   * seeded by (seed, name) and then sliced, so every layout starts from the same model.
   */
  public double[] initialValues(long seed) {
    double[] out = new double[(int) size];
    for (ParameterSpec p : byName.values()) {
      long[] idx = p.sharding().globalIndices(p.rows(), p.cols(), shard.tpRank(), shard.tpSize());
      if (p.initStd() == 0) {
        for (int i = 0; i < idx.length; i++) {
          out[(int) p.offset() + i] = p.initValue();
        }
        continue;
      }
      double[] global = new double[p.rows() * p.cols()];
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L
          + p.name().hashCode());
      for (int i = 0; i < global.length; i++) {
        global[i] = p.initStd() * gaussian(r);
      }
      for (int i = 0; i < idx.length; i++) {
        out[(int) p.offset() + i] = global[(int) idx[i]];
      }
    }
    return out;
  }

  /** Box–Muller, so the stream is fixed by the seed on every JVM. */
  private static double gaussian(java.util.SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
