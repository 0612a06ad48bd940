package dev.winnow.trainer.train;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.model.ParameterLayout;
import dev.winnow.trainer.model.ParameterSpec;

/**
 * AdamW over the range {@code [start, end)} of a shard's flat parameter buffer: the whole buffer
 * without ZeRO, this data-parallel rank's slice with ZeRO-1 (the moments exist only for that
 * range). Parameter groups come from the layout: weight decay on weights, none on biases and
 * LayerNorms.
 */
final class ShardOptimizer {
  private final Backend backend;
  private final ParameterLayout layout;
  private final long start;
  private final long end;
  private final Tensor m;
  private final Tensor v;

  ShardOptimizer(Backend backend, ParameterLayout layout, long start, long end) {
    this.backend = backend;
    this.layout = layout;
    this.start = start;
    this.end = Math.max(start, end);
    this.m = backend.allocate("adam.m", Math.max(1, this.end - start));
    this.v = backend.allocate("adam.v", Math.max(1, this.end - start));
  }

  long start() {
    return start;
  }

  long end() {
    return end;
  }

  Tensor firstMoment() {
    return m;
  }

  Tensor secondMoment() {
    return v;
  }

  /**
   * Σ g² over the elements of the range that count toward the global norm ({@code grads}
   * indexed from {@code start}).
   */
  double sumOfSquares(Tensor grads) {
    double s = 0;
    for (ParameterSpec p : layout.parameters()) {
      long lo = Math.max(p.offset(), start);
      long hi = Math.min(p.end(), end);
      if (p.countInNorm() && hi > lo) {
        s += backend.sumOfSquares(grads.slice(p.name(), lo - start, hi - lo), hi - lo);
      }
    }
    return s;
  }

  /** One AdamW step; {@code grads} is indexed from {@code start}, {@code params} is the shard. */
  void step(Tensor params, Tensor grads, Recipe recipe, double lr, int step, double gradScale) {
    for (ParameterSpec p : layout.parameters()) {
      long lo = Math.max(p.offset(), start);
      long hi = Math.min(p.end(), end);
      if (hi <= lo) {
        continue;
      }
      long n = hi - lo;
      backend.adamW(params.slice(p.name(), lo, n), grads.slice(p.name(), lo - start, n),
          m.slice(p.name(), lo - start, n), v.slice(p.name(), lo - start, n), n, lr,
          recipe.beta1(), recipe.beta2(), recipe.eps(), p.decay() ? recipe.weightDecay() : 0,
          step, gradScale);
    }
  }
}
