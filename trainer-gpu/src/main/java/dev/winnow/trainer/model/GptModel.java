package dev.winnow.trainer.model;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.parallel.Communicator;
import java.util.HashMap;
import java.util.Map;

/**
 * A GPT-2-style decoder shard (token + learned position embeddings, pre-LayerNorm blocks with
 * causal multi-head attention and a 4H GELU MLP, final LayerNorm, output tied to the token
 * embedding), computed only through {@link Backend} calls so any backend can run it.
 *
 * <p>Tensor parallelism (Megatron-LM): QKV and MLP-in are column-parallel (local heads and MLP
 * columns), attention-out and MLP-out row-parallel (their partial products are all-reduced over
 * {@code tp}, the "g" operator, and the replicated bias added after); LayerNorm inputs are
 * replicated, so the gradients flowing back into them are all-reduced (the "f" operator). The
 * embedding and output head are vocab-parallel, and the cross-entropy combines per-row max and
 * sum-of-exponentials over the group on the host. With one rank all all-reduces are skipped.
 *
 * <p>Parameters and their gradients each live in one flat tensor laid out by
 * {@link ParameterLayout}; gradients accumulate over micro-batches until
 * {@link #zeroGradients()}.
 */
public final class GptModel {
  private final Backend backend;
  private final GptConfig config;
  private final ModelShard shard;
  private final ParameterLayout layout;
  private final Communicator tp;
  private final int batch;
  private final int n;
  private final int c;
  private final int cLocal;
  private final int headsLocal;
  private final int vocabLocal;
  private final int vocabStart;
  private final int validLocal;
  private final Tensor params;
  private final Tensor grads;
  private final Map<String, Tensor> paramViews = new HashMap<>();
  private final Map<String, Tensor> gradViews = new HashMap<>();
  // Scratch shared by all micro-batches: only one forward or backward runs at a time.
  private final Tensor projected;
  private final Tensor dres;
  private final Tensor dln;
  private final Tensor datty;
  private final Tensor dqkv;
  private final Tensor dfch;
  private final Tensor dfchGelu;
  private final Tensor logits;
  private final Tensor dlogits;
  private final Tensor rowMax;
  private final Tensor rowSumExp;
  private final Tensor rowTarget;

  /**
   * @param batch sequences per micro-batch
   * @param tp the tensor-parallel group ({@link Communicator#solo()} for none)
   */
  public GptModel(Backend backend, GptConfig config, ModelShard shard, int batch,
      Communicator tp) {
    if (tp.size() != shard.tpSize() || tp.rank() != shard.tpRank()) {
      throw new IllegalArgumentException("tensor-parallel group (rank " + tp.rank() + " of "
          + tp.size() + ") does not match the shard " + shard);
    }
    this.backend = backend;
    this.config = config;
    this.shard = shard;
    this.layout = new ParameterLayout(config, shard);
    this.tp = tp;
    this.batch = batch;
    this.n = batch * config.seqLen();
    this.c = config.hidden();
    this.cLocal = c / shard.tpSize();
    this.headsLocal = config.heads() / shard.tpSize();
    this.vocabLocal = config.paddedVocab() / shard.tpSize();
    this.vocabStart = shard.tpRank() * vocabLocal;
    this.validLocal = Math.max(0, Math.min(vocabLocal, config.vocab() - vocabStart));
    this.params = backend.allocate("params", layout.size());
    this.grads = backend.allocate("grads", layout.size());
    for (ParameterSpec p : layout.parameters()) {
      paramViews.put(p.name(), params.slice(p.name(), p.offset(), p.localSize()));
      gradViews.put(p.name(), grads.slice("d" + p.name(), p.offset(), p.localSize()));
    }
    long nc = (long) n * c;
    projected = backend.allocate("projected", nc);
    dres = backend.allocate("dres", nc);
    dln = backend.allocate("dln", nc);
    datty = backend.allocate("datty", (long) n * cLocal);
    dqkv = backend.allocate("dqkv", 3L * n * cLocal);
    dfch = backend.allocate("dfch", 4L * n * cLocal);
    dfchGelu = backend.allocate("dfch.gelu", 4L * n * cLocal);
    boolean last = shard.lastStage();
    logits = last ? backend.allocate("logits", (long) n * vocabLocal) : null;
    dlogits = last ? backend.allocate("dlogits", (long) n * vocabLocal) : null;
    rowMax = backend.allocate("row.max", n);
    rowSumExp = backend.allocate("row.sumexp", n);
    rowTarget = backend.allocate("row.target", n);
  }

  public Backend backend() {
    return backend;
  }

  public GptConfig config() {
    return config;
  }

  public ModelShard shard() {
    return shard;
  }

  public ParameterLayout layout() {
    return layout;
  }

  public int batch() {
    return batch;
  }

  /** All parameters of this shard, flat. */
  public Tensor parameters() {
    return params;
  }

  /** All gradients of this shard, flat, same layout as {@link #parameters()}. */
  public Tensor gradients() {
    return grads;
  }

  public Tensor parameter(String name) {
    return view(paramViews, name);
  }

  public Tensor gradient(String name) {
    return view(gradViews, name);
  }

  /** MT-NLG initialisation from {@code seed}, identical for every layout. */
  public void initialize(long seed) {
    backend.upload(params, layout.initialValues(seed));
  }

  public void zeroGradients() {
    backend.zero(grads);
  }

  /** Buffers for one micro-batch in flight. */
  public Activations newActivations() {
    return new Activations(backend, config, shard, batch);
  }

  /** Sets a later stage's input to the previous stage's output. */
  public void setStageInput(Activations a, double[] hidden) {
    backend.upload(a.input, hidden);
  }

  /** This stage's output, to send to the next stage. */
  public double[] stageOutput(Activations a) {
    return backend.download(a.output());
  }

  /**
   * The forward pass of this stage on one micro-batch.
   *
   * @param windows {@code [batch][seqLen + 1]} tokens; position t predicts token t + 1
   * @param lossMask {@code [batch][seqLen]} weights of the predictions (null: all 1)
   * @param lossWeight factor on this micro-batch's mean loss in the objective whose gradient is
   *     accumulated (1 / micro-batches, times a loss scale)
   * @param train whether to compute the output head's gradient now (last stage), so the
   *     logits need not be kept per micro-batch
   * @return the mean loss over the masked predictions on the last stage; NaN elsewhere
   */
  public double forward(Activations a, int[][] windows, float[][] lossMask, double lossWeight,
      boolean train) {
    int t = config.seqLen();
    if (windows.length != batch) {
      throw new IllegalArgumentException(
          "micro-batch has " + windows.length + " sequences, the model expects " + batch);
    }
    int[] in = new int[n];
    int[] tg = new int[n];
    for (int b = 0; b < batch; b++) {
      if (windows[b].length != t + 1) {
        throw new IllegalArgumentException(
            "token window of length " + windows[b].length + ", expected " + (t + 1));
      }
      System.arraycopy(windows[b], 0, in, b * t, t);
      System.arraycopy(windows[b], 1, tg, b * t, t);
    }
    backend.uploadInts(a.inputs, in);
    backend.uploadInts(a.targets, tg);
    if (shard.firstStage()) {
      backend.embeddingForward(a.input, a.inputs, parameter("wte"), n, c, vocabStart,
          vocabLocal);
      allReduce(a.input);
      backend.positionForward(a.input, parameter("wpe"), batch, t, c);
    }
    Tensor x = a.input;
    for (int i = 0; i < a.layers.size(); i++) {
      layerForward(shard.firstLayer() + i, a.layers.get(i), x);
      x = a.layers.get(i).out;
    }
    if (!shard.lastStage()) {
      return Double.NaN;
    }
    backend.layerNormForward(a.lnf, a.lnfMean, a.lnfRstd, x, parameter("lnf.weight"),
        parameter("lnf.bias"), n, c);
    backend.matmulForward(logits, a.lnf, parameter("wte"), null, n, c, vocabLocal);
    double loss = crossEntropy(a, tg, lossMask, lossWeight);
    if (train) {
      backend.crossEntropyBackward(dlogits, logits, rowMax, rowSumExp, a.targets, a.rowScale, n,
          vocabLocal, validLocal, vocabStart);
      backend.matmulBackward(a.dlnf, gradient("wte"), null, dlogits, a.lnf, parameter("wte"), n,
          c, vocabLocal);
      allReduce(a.dlnf);
    }
    return loss;
  }

  /**
   * The backward pass of this stage for a micro-batch whose forward ran with {@code train}.
   *
   * @param gradOutput gradient w.r.t. this stage's output (null on the last stage)
   * @return gradient w.r.t. this stage's input, for the previous stage (null on the first)
   */
  public double[] backward(Activations a, double[] gradOutput) {
    if (shard.lastStage()) {
      backend.zero(dres);
      backend.layerNormBackward(dres, gradient("lnf.weight"), gradient("lnf.bias"), a.dlnf,
          a.output(), parameter("lnf.weight"), a.lnfMean, a.lnfRstd, n, c);
    } else {
      backend.upload(dres, gradOutput);
    }
    for (int i = a.layers.size() - 1; i >= 0; i--) {
      Tensor x = i == 0 ? a.input : a.layers.get(i - 1).out;
      layerBackward(shard.firstLayer() + i, a.layers.get(i), x);
    }
    if (!shard.firstStage()) {
      return backend.download(dres);
    }
    backend.embeddingBackward(gradient("wte"), dres, a.inputs, n, c, vocabStart, vocabLocal);
    backend.positionBackward(gradient("wpe"), dres, batch, config.seqLen(), c);
    return null;
  }

  private void layerForward(int l, Activations.Layer s, Tensor x) {
    String p = "h" + l + ".";
    int t = config.seqLen();
    backend.layerNormForward(s.ln1, s.ln1Mean, s.ln1Rstd, x, parameter(p + "ln1.weight"),
        parameter(p + "ln1.bias"), n, c);
    backend.matmulForward(s.qkv, s.ln1, parameter(p + "attn.qkv.weight"),
        parameter(p + "attn.qkv.bias"), n, c, 3 * cLocal);
    backend.attentionForward(s.atty, s.attState, s.qkv, batch, t, headsLocal, config.headSize());
    rowParallelForward(s.atty, p + "attn.proj", cLocal);
    backend.add(s.res2, x, projected, (long) n * c);
    backend.layerNormForward(s.ln2, s.ln2Mean, s.ln2Rstd, s.res2, parameter(p + "ln2.weight"),
        parameter(p + "ln2.bias"), n, c);
    backend.matmulForward(s.fch, s.ln2, parameter(p + "mlp.fc.weight"),
        parameter(p + "mlp.fc.bias"), n, c, 4 * cLocal);
    backend.geluForward(s.fchGelu, s.fch, 4L * n * cLocal);
    rowParallelForward(s.fchGelu, p + "mlp.proj", 4 * cLocal);
    backend.add(s.out, s.res2, projected, (long) n * c);
  }

  /** {@link #projected} = all-reduce(inp · Wᵀ) + bias: the bias is added once, after the sum. */
  private void rowParallelForward(Tensor inp, String name, int inLocal) {
    backend.matmulForward(projected, inp, parameter(name + ".weight"), null, n, inLocal, c);
    allReduce(projected);
    // A bias broadcast over rows is a position table of length 1 over n "sequences".
    backend.positionForward(projected, parameter(name + ".bias"), n, 1, c);
  }

  /** Gradient of a row-parallel layer from {@link #dres}; writes its input gradient. */
  private void rowParallelBackward(Tensor dinp, Tensor inp, String name, int inLocal) {
    backend.positionBackward(gradient(name + ".bias"), dres, n, 1, c);
    backend.matmulBackward(dinp, gradient(name + ".weight"), null, dres, inp,
        parameter(name + ".weight"), n, inLocal, c);
  }

  private void layerBackward(int l, Activations.Layer s, Tensor x) {
    String p = "h" + l + ".";
    // dres holds dL/d(layer output) = dL/d(res2 + mlp): flows to res2 directly and via the MLP.
    rowParallelBackward(dfchGelu, s.fchGelu, p + "mlp.proj", 4 * cLocal);
    backend.geluBackward(dfch, s.fch, dfchGelu, 4L * n * cLocal);
    backend.matmulBackward(dln, gradient(p + "mlp.fc.weight"), gradient(p + "mlp.fc.bias"), dfch,
        s.ln2, parameter(p + "mlp.fc.weight"), n, c, 4 * cLocal);
    allReduce(dln);
    backend.layerNormBackward(dres, gradient(p + "ln2.weight"), gradient(p + "ln2.bias"), dln,
        s.res2, parameter(p + "ln2.weight"), s.ln2Mean, s.ln2Rstd, n, c);
    // dres = dL/d(res2) = dL/d(x + attn)
    rowParallelBackward(datty, s.atty, p + "attn.proj", cLocal);
    backend.attentionBackward(dqkv, datty, s.qkv, s.atty, s.attState, batch, config.seqLen(),
        headsLocal,
        config.headSize());
    backend.matmulBackward(dln, gradient(p + "attn.qkv.weight"), gradient(p + "attn.qkv.bias"),
        dqkv, s.ln1, parameter(p + "attn.qkv.weight"), n, c, 3 * cLocal);
    allReduce(dln);
    backend.layerNormBackward(dres, gradient(p + "ln1.weight"), gradient(p + "ln1.bias"), dln, x,
        parameter(p + "ln1.weight"), s.ln1Mean, s.ln1Rstd, n, c);
  }

  /**
   * Vocab-parallel cross-entropy: each rank holds a slice of the logits; max, Σexp and the
   * target logit are combined over the tensor-parallel group on the host. Uploads the rows'
   * gradient scales and returns the masked mean loss.
   */
  private double crossEntropy(Activations a, int[] targets, float[][] lossMask,
      double lossWeight) {
    backend.rowMax(rowMax, logits, n, vocabLocal, validLocal);
    double[] max = backend.download(rowMax);
    tp.allReduceMax(max);
    backend.upload(rowMax, max);
    backend.rowSumExp(rowSumExp, logits, rowMax, n, vocabLocal, validLocal);
    double[] sum = backend.download(rowSumExp);
    tp.allReduceSum(sum);
    backend.upload(rowSumExp, sum);
    backend.targetLogit(rowTarget, logits, a.targets, n, vocabLocal, vocabStart);
    double[] target = backend.download(rowTarget);
    tp.allReduceSum(target);
    int t = config.seqLen();
    double[] weight = new double[n];
    double count = 0;
    for (int r = 0; r < n; r++) {
      if (targets[r] < 0 || targets[r] >= config.vocab()) {
        throw new IllegalArgumentException("target token " + targets[r] + " outside the vocab");
      }
      weight[r] = lossMask == null ? 1 : lossMask[r / t][r % t];
      count += weight[r];
    }
    double loss = 0;
    double[] scale = new double[n];
    for (int r = 0; r < n; r++) {
      if (weight[r] != 0) {
        loss += weight[r] * (max[r] + Math.log(sum[r]) - target[r]);
        scale[r] = lossWeight * weight[r] / count;
      }
    }
    backend.upload(a.rowScale, scale);
    return count == 0 ? 0 : loss / count;
  }

  private void allReduce(Tensor t) {
    if (tp.size() == 1) {
      return;
    }
    double[] v = backend.download(t);
    tp.allReduceSum(v);
    backend.upload(t, v);
  }

  private static Tensor view(Map<String, Tensor> views, String name) {
    Tensor t = views.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no parameter '" + name + "' in this shard");
    }
    return t;
  }
}
