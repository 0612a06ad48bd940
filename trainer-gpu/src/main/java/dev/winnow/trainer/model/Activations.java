package dev.winnow.trainer.model;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What one micro-batch's forward pass keeps for its backward pass on one shard. A pipeline stage
 * holds one of these per micro-batch in flight (at most the number of stages under 1F1B).
 */
public final class Activations {
  final IntTensor inputs;
  final IntTensor targets;
  final Tensor rowScale;
  /** The stage's input: the embeddings (first stage) or the previous stage's output. */
  final Tensor input;
  final List<Layer> layers = new ArrayList<>();
  final Tensor lnf;
  final Tensor lnfMean;
  final Tensor lnfRstd;
  /** Gradient of the loss w.r.t. {@link #lnf}, computed with the loss (last stage). */
  final Tensor dlnf;

  /** Per-layer saved tensors; {@code out} is the layer's residual output. */
  static final class Layer {
    final Tensor ln1;
    final Tensor ln1Mean;
    final Tensor ln1Rstd;
    final Tensor qkv;
    final Tensor atty;
    /** What attention keeps for its backward pass ({@link Backend#attentionState}). */
    final Tensor attState;
    final Tensor res2;
    final Tensor ln2;
    final Tensor ln2Mean;
    final Tensor ln2Rstd;
    final Tensor fch;
    final Tensor fchGelu;
    final Tensor out;

    Layer(Backend b, String p, int n, int c, int cLocal, long attStateSize) {
      ln1 = b.allocate(p + "ln1", (long) n * c);
      ln1Mean = b.allocate(p + "ln1.mean", n);
      ln1Rstd = b.allocate(p + "ln1.rstd", n);
      qkv = b.allocate(p + "qkv", 3L * n * cLocal);
      atty = b.allocate(p + "atty", (long) n * cLocal);
      attState = b.allocate(p + "att.state", attStateSize);
      res2 = b.allocate(p + "res2", (long) n * c);
      ln2 = b.allocate(p + "ln2", (long) n * c);
      ln2Mean = b.allocate(p + "ln2.mean", n);
      ln2Rstd = b.allocate(p + "ln2.rstd", n);
      fch = b.allocate(p + "fch", 4L * n * cLocal);
      fchGelu = b.allocate(p + "fch.gelu", 4L * n * cLocal);
      out = b.allocate(p + "out", (long) n * c);
    }
  }

  Activations(Backend b, GptConfig config, ModelShard shard, int batch) {
    int t = config.seqLen();
    int n = batch * t;
    int c = config.hidden();
    int cLocal = c / shard.tpSize();
    int headsLocal = config.heads() / shard.tpSize();
    inputs = b.allocateInts("inputs", n);
    targets = b.allocateInts("targets", n);
    rowScale = b.allocate("row.scale", n);
    input = b.allocate("stage.input", (long) n * c);
    long attStateSize = b.attentionState(config.headSize()).size(batch, t, headsLocal);
    for (int l = shard.firstLayer(); l < shard.endLayer(); l++) {
      layers.add(new Layer(b, "h" + l + ".", n, c, cLocal, attStateSize));
    }
    boolean last = shard.lastStage();
    lnf = last ? b.allocate("lnf", (long) n * c) : null;
    lnfMean = last ? b.allocate("lnf.mean", n) : null;
    lnfRstd = last ? b.allocate("lnf.rstd", n) : null;
    dlnf = last ? b.allocate("dlnf", (long) n * c) : null;
  }

  /** The stage's output (last layer's residual stream). */
  Tensor output() {
    return layers.isEmpty() ? input : layers.get(layers.size() - 1).out;
  }
}
