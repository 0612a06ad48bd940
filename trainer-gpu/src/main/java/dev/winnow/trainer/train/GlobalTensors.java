package dev.winnow.trainer.train;

import dev.winnow.trainer.model.ParameterLayout;
import dev.winnow.trainer.model.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversion between shards' flat buffers and whole, named tensors, which is what makes
 * checkpoints layout-independent: a run saves its shards, a run with another layout assembles
 * the global tensors from them and slices its own shards out.
 */
public final class GlobalTensors {
  private final Map<String, double[]> tensors = new LinkedHashMap<>();

  /** Writes a shard's local values into the global tensors (replicas write equal values). */
  public void put(ParameterLayout layout, double[] flat) {
    int tp = layout.shard().tpSize();
    int rank = layout.shard().tpRank();
    for (ParameterSpec p : layout.parameters()) {
      double[] g = tensors.computeIfAbsent(p.name(), k -> new double[p.rows() * p.cols()]);
      long[] idx = p.sharding().globalIndices(p.rows(), p.cols(), rank, tp);
      for (int i = 0; i < idx.length; i++) {
        g[(int) idx[i]] = flat[(int) p.offset() + i];
      }
    }
  }

  /** A shard's flat buffer sliced out of the global tensors. */
  public double[] slice(ParameterLayout layout) {
    int tp = layout.shard().tpSize();
    int rank = layout.shard().tpRank();
    double[] flat = new double[(int) layout.size()];
    for (ParameterSpec p : layout.parameters()) {
      double[] g = tensors.get(p.name());
      if (g == null) {
        throw new IllegalArgumentException("no tensor '" + p.name() + "' to slice");
      }
      long[] idx = p.sharding().globalIndices(p.rows(), p.cols(), rank, tp);
      for (int i = 0; i < idx.length; i++) {
        flat[(int) p.offset() + i] = g[(int) idx[i]];
      }
    }
    return flat;
  }

  public Map<String, double[]> tensors() {
    return tensors;
  }
}
