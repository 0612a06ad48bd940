package dev.winnow.trainer.backend;

/**
 * The kernels a GPT training step needs, on one device. The model ({@code GptModel}) and the
 * parallel layouts call only these, so the CPU reference backend and the GPU backend train the
 * same model and can be compared op by op.
 *
 * <p>Conventions (as llm.c): row-major; {@code N} rows (= batch × sequence positions), {@code C}
 * channels. A weight of a linear layer is stored {@code [OC][C]}. "Writes" overwrites the
 * output, "adds to" accumulates into it (gradients of weights accumulate over micro-batches; the
 * trainer zeroes them once per step). Tensor-parallel ranks call the same kernels on their
 * shards: heads, MLP columns and vocabulary rows are split, and the kernels take the local sizes
 * plus, where a global index matters (token ids), the local vocabulary range.
 *
 * <p>All calls are ordered as issued. Methods that return values to the host ({@link #download},
 * {@link #sumOfSquares}) wait for the work before them.
 */
public interface Backend extends AutoCloseable {

  String name();

  Precision precision();

  // ---- memory ----

  /** A zero-filled tensor of {@code size} elements. */
  Tensor allocate(String name, long size);

  IntTensor allocateInts(String name, int size);

  void upload(Tensor dst, double[] src);

  void upload(Tensor dst, float[] src);

  void uploadInts(IntTensor dst, int[] src);

  /** The tensor's values, widened to double. */
  double[] download(Tensor src);

  /** The tensor's values as float (rounded in FP64 mode). */
  float[] downloadFloats(Tensor src);

  void zero(Tensor t);

  /** {@code dst[dstOffset + i] = src[srcOffset + i]} for {@code i < n}. */
  void copy(Tensor dst, long dstOffset, Tensor src, long srcOffset, long n);

  /** {@code out = a + b}, element-wise over {@code n} (residual connections). */
  void add(Tensor out, Tensor a, Tensor b, long n);

  /** {@code dst += src}, element-wise over {@code n} (residual gradients). */
  void accumulate(Tensor dst, Tensor src, long n);

  /** {@code t *= factor}, element-wise over {@code n}. */
  void scale(Tensor t, double factor, long n);

  // ---- embeddings ----

  /**
   * Writes {@code out[n][c] = wte[tokens[n] - vocabStart][c]} when {@code vocabStart ≤ tokens[n]
   * < vocabStart + vocabLocal}, else 0 (a vocab-parallel rank holds rows {@code vocabStart ..};
   * the trainer all-reduces {@code out} over the tensor-parallel group).
   */
  void embeddingForward(Tensor out, IntTensor tokens, Tensor wte, int n, int c, int vocabStart,
      int vocabLocal);

  /** Adds {@code dout[n]} to {@code dwte[tokens[n] - vocabStart]} for tokens in the local range. */
  void embeddingBackward(Tensor dwte, Tensor dout, IntTensor tokens, int n, int c, int vocabStart,
      int vocabLocal);

  /** {@code out[b][t][c] += wpe[t][c]}. */
  void positionForward(Tensor out, Tensor wpe, int b, int t, int c);

  /** Adds {@code Σ_b dout[b][t][c]} to {@code dwpe[t][c]}. */
  void positionBackward(Tensor dwpe, Tensor dout, int b, int t, int c);

  // ---- layer norm ----

  /** Writes {@code out}, and the per-row {@code mean} and {@code rstd} the backward pass needs. */
  void layerNormForward(Tensor out, Tensor mean, Tensor rstd, Tensor inp, Tensor weight,
      Tensor bias, int n, int c);

  /** Adds to {@code dinp}, {@code dweight} and {@code dbias}. */
  void layerNormBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout, Tensor inp,
      Tensor weight, Tensor mean, Tensor rstd, int n, int c);

  // ---- linear layers ----

  /** Writes {@code out[N][OC] = inp[N][C] · weight[OC][C]ᵀ + bias[OC]} ({@code bias} may be null). */
  void matmulForward(Tensor out, Tensor inp, Tensor weight, Tensor bias, int n, int c, int oc);

  /**
   * Writes {@code dinp[N][C] = dout · weight}; adds {@code doutᵀ · inp} to {@code dweight} and
   * the column sums of {@code dout} to {@code dbias} (may be null). {@code dinp} may be null
   * (the first layer's input needs no gradient).
   */
  void matmulBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout, Tensor inp,
      Tensor weight, int n, int c, int oc);

  // ---- attention ----

  /**
   * What {@link #attentionForward} keeps for {@link #attentionBackward} at head size {@code hs}
   * (the caller allocates {@code state} of {@link AttentionState#size} elements).
   */
  AttentionState attentionState(int hs);

  /**
   * Causal multi-head attention over {@code qkv[B][T][3][NH][HS]} (queries, keys, values of the
   * local heads). Writes {@code out[B][T][NH][HS]} and {@code state}: the softmax probabilities
   * {@code [B][NH][T][T]} (only {@code t2 ≤ t} is meaningful) or the rows' log-sum-exps {@code
   * [B][NH][T]}, as {@link #attentionState} says. Scores are scaled by {@code 1/√HS}.
   */
  void attentionForward(Tensor out, Tensor state, Tensor qkv, int b, int t, int nh, int hs);

  /**
   * Writes {@code dqkv} from {@code dout}, given the forward pass's {@code out} and {@code
   * state}; scratch space is the backend's own.
   */
  void attentionBackward(Tensor dqkv, Tensor dout, Tensor qkv, Tensor out, Tensor state, int b,
      int t, int nh, int hs);

  // ---- activations ----

  /** GELU, tanh approximation (GPT-2). Writes {@code out}. */
  void geluForward(Tensor out, Tensor inp, long n);

  /** Writes {@code dinp = gelu'(inp) · dout}. */
  void geluBackward(Tensor dinp, Tensor inp, Tensor dout, long n);

  // ---- vocab-parallel cross-entropy (the trainer all-reduces the per-row vectors) ----

  /** Writes {@code max[n]} over the first {@code validLocal} of {@code logits[n][vLocal]}. */
  void rowMax(Tensor max, Tensor logits, int n, int vLocal, int validLocal);

  /** Writes {@code sumExp[n] = Σ exp(logits[n][v] − max[n])} over the valid columns. */
  void rowSumExp(Tensor sumExp, Tensor logits, Tensor max, int n, int vLocal, int validLocal);

  /**
   * Writes {@code out[n] = logits[n][targets[n] − vocabStart]} when the target is in this rank's
   * range, else 0.
   */
  void targetLogit(Tensor out, Tensor logits, IntTensor targets, int n, int vLocal,
      int vocabStart);

  /**
   * Writes {@code dlogits[n][v] = rowScale[n] · (softmax(n, v) − [v + vocabStart = target])}
   * from the all-reduced {@code max} and {@code sumExp}; 0 in the padded columns. {@code
   * rowScale} carries the loss mask and the 1/(tokens) mean.
   */
  void crossEntropyBackward(Tensor dlogits, Tensor logits, Tensor max, Tensor sumExp,
      IntTensor targets, Tensor rowScale, int n, int vLocal, int validLocal, int vocabStart);

  // ---- optimizer ----

  /**
   * One AdamW step over {@code n} elements: {@code g = grads · gradScale} (clipping and loss
   * scaling), moments {@code m}, {@code v} updated with β1, β2; bias-corrected with {@code step}
   * (1-based); {@code params -= lr · (m̂ / (√v̂ + eps) + weightDecay · params)}.
   */
  void adamW(Tensor params, Tensor grads, Tensor m, Tensor v, long n, double lr, double beta1,
      double beta2, double eps, double weightDecay, int step, double gradScale);

  /** {@code Σ t[i]²} over {@code n}, in double on the host (gradient norm; NaN/∞ show overflow). */
  double sumOfSquares(Tensor t, long n);

  /** Waits for all issued work. */
  void synchronize();

  @Override
  void close();
}
