package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;

/**
 * Profiling aid for {@link StepBench}: a {@link Backend} that passes every call to a
 * {@link CudaBackend} and times it with CUDA events (one region per call, labelled by op and,
 * for products, shape), counting the fewest bytes each op must move (fp32, each input read and
 * each output written once) and the products' FLOPs.
 */
final class ProfilingBackend implements Backend {
  private final CudaBackend be;
  private final EventTimer timer;
  private boolean on;

  ProfilingBackend(CudaBackend be, EventTimer timer) {
    this.be = be;
    this.timer = timer;
  }

  /** Times the calls from now on, or passes them through untimed. */
  void timing(boolean enabled) {
    on = enabled;
  }

  private void begin(String label, double flops, double bytes) {
    if (on) {
      timer.begin(label, flops, bytes);
    }
  }

  private void end() {
    if (on) {
      timer.end();
    }
  }

  @Override
  public String name() {
    return be.name();
  }

  @Override
  public Precision precision() {
    return be.precision();
  }

  @Override
  public Tensor allocate(String name, long size) {
    return be.allocate(name, size);
  }

  @Override
  public IntTensor allocateInts(String name, int size) {
    return be.allocateInts(name, size);
  }

  @Override
  public void upload(Tensor dst, double[] src) {
    be.upload(dst, src);
  }

  @Override
  public void upload(Tensor dst, float[] src) {
    be.upload(dst, src);
  }

  @Override
  public void uploadInts(IntTensor dst, int[] src) {
    be.uploadInts(dst, src);
  }

  @Override
  public double[] download(Tensor src) {
    return be.download(src);
  }

  @Override
  public float[] downloadFloats(Tensor src) {
    return be.downloadFloats(src);
  }

  @Override
  public void zero(Tensor t) {
    begin("zero", 0, 4.0 * ((CudaTensor) t).size());
    be.zero(t);
    end();
  }

  @Override
  public void copy(Tensor dst, long dstOffset, Tensor src, long srcOffset, long n) {
    begin("copy", 0, 8.0 * n);
    be.copy(dst, dstOffset, src, srcOffset, n);
    end();
  }

  @Override
  public void add(Tensor out, Tensor a, Tensor b, long n) {
    begin("add", 0, 12.0 * n);
    be.add(out, a, b, n);
    end();
  }

  @Override
  public void accumulate(Tensor dst, Tensor src, long n) {
    begin("accumulate", 0, 12.0 * n);
    be.accumulate(dst, src, n);
    end();
  }

  @Override
  public void scale(Tensor t, double factor, long n) {
    begin("scale", 0, 8.0 * n);
    be.scale(t, factor, n);
    end();
  }

  @Override
  public void embeddingForward(Tensor out, IntTensor tokens, Tensor wte, int n, int c,
      int vocabStart, int vocabLocal) {
    begin("embeddingForward", 0, 8.0 * n * c);
    be.embeddingForward(out, tokens, wte, n, c, vocabStart, vocabLocal);
    end();
  }

  @Override
  public void embeddingBackward(Tensor dwte, Tensor dout, IntTensor tokens, int n, int c,
      int vocabStart, int vocabLocal) {
    begin("embeddingBackward", 0, 12.0 * n * c);
    be.embeddingBackward(dwte, dout, tokens, n, c, vocabStart, vocabLocal);
    end();
  }

  @Override
  public void positionForward(Tensor out, Tensor wpe, int b, int t, int c) {
    begin("positionForward", 0, 8.0 * b * t * c);
    be.positionForward(out, wpe, b, t, c);
    end();
  }

  @Override
  public void positionBackward(Tensor dwpe, Tensor dout, int b, int t, int c) {
    begin("positionBackward", 0, 4.0 * b * t * c);
    be.positionBackward(dwpe, dout, b, t, c);
    end();
  }

  @Override
  public void layerNormForward(Tensor out, Tensor mean, Tensor rstd, Tensor inp, Tensor weight,
      Tensor bias, int n, int c) {
    begin("layerNormForward", 0, 8.0 * n * c);
    be.layerNormForward(out, mean, rstd, inp, weight, bias, n, c);
    end();
  }

  @Override
  public void layerNormBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout,
      Tensor inp, Tensor weight, Tensor mean, Tensor rstd, int n, int c) {
    begin("layerNormBackward", 0, 16.0 * n * c);
    be.layerNormBackward(dinp, dweight, dbias, dout, inp, weight, mean, rstd, n, c);
    end();
  }

  @Override
  public void matmulForward(Tensor out, Tensor inp, Tensor weight, Tensor bias, int n, int c,
      int oc) {
    begin("matmulForward " + c + "->" + oc, 2.0 * n * c * oc, 0);
    be.matmulForward(out, inp, weight, bias, n, c, oc);
    end();
  }

  @Override
  public void matmulBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout, Tensor inp,
      Tensor weight, int n, int c, int oc) {
    begin("matmulBackward " + c + "->" + oc, (dinp == null ? 2.0 : 4.0) * n * c * oc, 0);
    be.matmulBackward(dinp, dweight, dbias, dout, inp, weight, n, c, oc);
    end();
  }

  @Override
  public AttentionState attentionState(int hs) {
    return be.attentionState(hs);
  }

  @Override
  public void attentionForward(Tensor out, Tensor state, Tensor qkv, int b, int t, int nh,
      int hs) {
    double bt = (double) b * t;
    // Q·Kᵀ and att·V over the causal half; bytes: qkv read, out and the state written
    begin("attentionForward", 2.0 * b * nh * (double) t * t * hs,
        4.0 * (3 * bt * nh * hs + bt * nh * hs + be.attentionState(hs).size(b, t, nh)));
    be.attentionForward(out, state, qkv, b, t, nh, hs);
    end();
  }

  @Override
  public void attentionBackward(Tensor dqkv, Tensor dout, Tensor qkv, Tensor out, Tensor state,
      int b, int t, int nh, int hs) {
    double bt = (double) b * t;
    // the useful products only (a recomputed Q·Kᵀ is not counted); bytes: qkv, dout, out read,
    // dqkv written, the state read
    begin("attentionBackward", 4.0 * b * nh * (double) t * t * hs,
        4.0 * (6 * bt * nh * hs + 2 * bt * nh * hs + be.attentionState(hs).size(b, t, nh)));
    be.attentionBackward(dqkv, dout, qkv, out, state, b, t, nh, hs);
    end();
  }

  @Override
  public void geluForward(Tensor out, Tensor inp, long n) {
    begin("geluForward", 0, 8.0 * n);
    be.geluForward(out, inp, n);
    end();
  }

  @Override
  public void geluBackward(Tensor dinp, Tensor inp, Tensor dout, long n) {
    begin("geluBackward", 0, 12.0 * n);
    be.geluBackward(dinp, inp, dout, n);
    end();
  }

  @Override
  public void rowMax(Tensor max, Tensor logits, int n, int vLocal, int validLocal) {
    begin("rowMax", 0, 4.0 * n * validLocal);
    be.rowMax(max, logits, n, vLocal, validLocal);
    end();
  }

  @Override
  public void rowSumExp(Tensor sumExp, Tensor logits, Tensor max, int n, int vLocal,
      int validLocal) {
    begin("rowSumExp", 0, 4.0 * n * validLocal);
    be.rowSumExp(sumExp, logits, max, n, vLocal, validLocal);
    end();
  }

  @Override
  public void targetLogit(Tensor out, Tensor logits, IntTensor targets, int n, int vLocal,
      int vocabStart) {
    begin("targetLogit", 0, 0);
    be.targetLogit(out, logits, targets, n, vLocal, vocabStart);
    end();
  }

  @Override
  public void crossEntropyBackward(Tensor dlogits, Tensor logits, Tensor max, Tensor sumExp,
      IntTensor targets, Tensor rowScale, int n, int vLocal, int validLocal, int vocabStart) {
    begin("crossEntropyBackward", 0, 8.0 * n * vLocal);
    be.crossEntropyBackward(dlogits, logits, max, sumExp, targets, rowScale, n, vLocal, validLocal,
        vocabStart);
    end();
  }

  @Override
  public void adamW(Tensor params, Tensor grads, Tensor m, Tensor v, long n, double lr,
      double beta1, double beta2, double eps, double weightDecay, int step, double gradScale) {
    begin("adamW", 0, 28.0 * n);
    be.adamW(params, grads, m, v, n, lr, beta1, beta2, eps, weightDecay, step, gradScale);
    end();
  }

  @Override
  public double sumOfSquares(Tensor t, long n) {
    begin("sumOfSquares", 0, 4.0 * n);
    // the result's download waits for the work: the region ends before it
    return be.sumOfSquares(t, n, this::end);
  }

  @Override
  public void synchronize() {
    be.synchronize();
  }

  @Override
  public void close() {
    be.close();
  }
}
