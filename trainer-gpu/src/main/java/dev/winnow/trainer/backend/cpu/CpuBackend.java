package dev.winnow.trainer.backend.cpu;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;

/**
 * The reference backend: host arrays, kernels written out as in llm.c. FP64 stores doubles
 * (gradient checks, equivalence tests), FP32 stores floats, BF16 stores floats and rounds the
 * operands of every matrix product to bfloat16 (accumulating in fp32), which is what tensor
 * cores compute. Element-wise kernels are written once in double arithmetic over
 * {@link CpuTensor#get}/{@link CpuTensor#set}; the matrix products, where the time goes, have
 * a storage-specific inner loop ({@link FloatProducts}, {@link DoubleProducts}).
 *
 * <p>Calls run synchronously on the caller's thread plus a fixed pool of workers; results are
 * identical for any number of threads.
 */
public final class CpuBackend implements Backend {
  private static final double LAYER_NORM_EPS = 1e-5;
  private static final double GELU_SCALE = Math.sqrt(2.0 / Math.PI);
  /** Fixed chunking of {@link #sumOfSquares}, so its sum order does not depend on threads. */
  private static final int SUM_CHUNK = 1 << 16;

  private final Precision precision;
  private final AttentionState attention;
  private final WorkerPool pool;
  private final MatrixProducts products;

  public CpuBackend(Precision precision, int threads) {
    this(precision, threads, AttentionState.PROBABILITIES);
  }

  /**
   * @param attention what attention keeps between its passes: the probabilities (default), or
   *     the rows' log-sum-exps with the probabilities recomputed in the backward pass (T times
   *     less activation memory, about a quarter more attention arithmetic)
   */
  public CpuBackend(Precision precision, int threads, AttentionState attention) {
    this.precision = precision;
    this.attention = attention;
    this.pool = new WorkerPool(threads);
    this.products = precision == Precision.FP64 ? new DoubleProducts(pool)
        : new FloatProducts(pool);
  }

  @Override
  public String name() {
    return "cpu-" + precision.name().toLowerCase(java.util.Locale.ROOT) + "-x" + pool.threads()
        + (attention == AttentionState.LOG_SUM_EXP ? "-lse" : "");
  }

  @Override
  public Precision precision() {
    return precision;
  }

  // ---- memory ----

  @Override
  public Tensor allocate(String name, long size) {
    int n = CpuTensor.checkedSize(size);
    return precision == Precision.FP64 ? new DoubleTensor(name, new double[n], 0, n)
        : new FloatTensor(name, new float[n], 0, n);
  }

  @Override
  public IntTensor allocateInts(String name, int size) {
    return new CpuIntTensor(name, new int[size]);
  }

  @Override
  public void upload(Tensor dst, double[] src) {
    CpuTensor d = checkLength(dst, src.length);
    for (int i = 0; i < src.length; i++) {
      d.set(i, src[i]);
    }
  }

  @Override
  public void upload(Tensor dst, float[] src) {
    CpuTensor d = checkLength(dst, src.length);
    for (int i = 0; i < src.length; i++) {
      d.set(i, src[i]);
    }
  }

  @Override
  public void uploadInts(IntTensor dst, int[] src) {
    int[] d = ints(dst);
    if (src.length > d.length) {
      throw new IllegalArgumentException("uploading " + src.length + " ints into " + dst.name()
          + " of size " + d.length);
    }
    System.arraycopy(src, 0, d, 0, src.length);
  }

  @Override
  public double[] download(Tensor src) {
    CpuTensor s = cpu(src);
    double[] out = new double[s.size];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i);
    }
    return out;
  }

  @Override
  public float[] downloadFloats(Tensor src) {
    CpuTensor s = cpu(src);
    float[] out = new float[s.size];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) s.get(i);
    }
    return out;
  }

  @Override
  public void zero(Tensor t) {
    CpuTensor c = cpu(t);
    if (c instanceof FloatTensor f) {
      java.util.Arrays.fill(f.data, f.offset, f.offset + f.size, 0f);
    } else {
      DoubleTensor d = (DoubleTensor) c;
      java.util.Arrays.fill(d.data, d.offset, d.offset + d.size, 0d);
    }
  }

  @Override
  public void copy(Tensor dst, long dstOffset, Tensor src, long srcOffset, long n) {
    CpuTensor d = cpu(dst);
    CpuTensor s = cpu(src);
    d.checkSlice(dstOffset, n);
    s.checkSlice(srcOffset, n);
    if (d instanceof FloatTensor fd && s instanceof FloatTensor fs) {
      System.arraycopy(fs.data, fs.offset + (int) srcOffset, fd.data, fd.offset + (int) dstOffset,
          (int) n);
    } else if (d instanceof DoubleTensor dd && s instanceof DoubleTensor ds) {
      System.arraycopy(ds.data, ds.offset + (int) srcOffset, dd.data, dd.offset + (int) dstOffset,
          (int) n);
    } else {
      for (int i = 0; i < n; i++) {
        d.set((int) dstOffset + i, s.get((int) srcOffset + i));
      }
    }
  }

  @Override
  public void add(Tensor out, Tensor a, Tensor b, long n) {
    CpuTensor o = cpu(out);
    CpuTensor x = cpu(a);
    CpuTensor y = cpu(b);
    for (int i = 0; i < n; i++) {
      o.set(i, x.get(i) + y.get(i));
    }
  }

  @Override
  public void accumulate(Tensor dst, Tensor src, long n) {
    CpuTensor d = cpu(dst);
    CpuTensor s = cpu(src);
    for (int i = 0; i < n; i++) {
      d.add(i, s.get(i));
    }
  }

  @Override
  public void scale(Tensor t, double factor, long n) {
    CpuTensor c = cpu(t);
    for (int i = 0; i < n; i++) {
      c.set(i, c.get(i) * factor);
    }
  }

  // ---- embeddings ----

  @Override
  public void embeddingForward(Tensor out, IntTensor tokens, Tensor wte, int n, int c,
      int vocabStart, int vocabLocal) {
    CpuTensor o = cpu(out);
    CpuTensor w = cpu(wte);
    int[] tok = ints(tokens);
    for (int r = 0; r < n; r++) {
      int row = tok[r] - vocabStart;
      boolean local = row >= 0 && row < vocabLocal;
      for (int j = 0; j < c; j++) {
        o.set(r * c + j, local ? w.get(row * c + j) : 0);
      }
    }
  }

  @Override
  public void embeddingBackward(Tensor dwte, Tensor dout, IntTensor tokens, int n, int c,
      int vocabStart, int vocabLocal) {
    CpuTensor dw = cpu(dwte);
    CpuTensor d = cpu(dout);
    int[] tok = ints(tokens);
    // Sequential over rows: repeated tokens add into the same row in a fixed order.
    for (int r = 0; r < n; r++) {
      int row = tok[r] - vocabStart;
      if (row >= 0 && row < vocabLocal) {
        for (int j = 0; j < c; j++) {
          dw.add(row * c + j, d.get(r * c + j));
        }
      }
    }
  }

  @Override
  public void positionForward(Tensor out, Tensor wpe, int b, int t, int c) {
    CpuTensor o = cpu(out);
    CpuTensor w = cpu(wpe);
    for (int bt = 0; bt < b * t; bt++) {
      int pos = bt % t;
      for (int j = 0; j < c; j++) {
        o.add(bt * c + j, w.get(pos * c + j));
      }
    }
  }

  @Override
  public void positionBackward(Tensor dwpe, Tensor dout, int b, int t, int c) {
    CpuTensor dw = cpu(dwpe);
    CpuTensor d = cpu(dout);
    for (int bi = 0; bi < b; bi++) {
      for (int e = 0; e < t * c; e++) {
        dw.add(e, d.get(bi * t * c + e));
      }
    }
  }

  // ---- layer norm ----

  @Override
  public void layerNormForward(Tensor out, Tensor mean, Tensor rstd, Tensor inp, Tensor weight,
      Tensor bias, int n, int c) {
    CpuTensor o = cpu(out);
    CpuTensor mu = cpu(mean);
    CpuTensor rs = cpu(rstd);
    CpuTensor x = cpu(inp);
    CpuTensor w = cpu(weight);
    CpuTensor bb = cpu(bias);
    pool.forEach(n, r -> {
      int base = r * c;
      double m = 0;
      for (int j = 0; j < c; j++) {
        m += x.get(base + j);
      }
      m /= c;
      double var = 0;
      for (int j = 0; j < c; j++) {
        double d = x.get(base + j) - m;
        var += d * d;
      }
      double s = 1.0 / Math.sqrt(var / c + LAYER_NORM_EPS);
      for (int j = 0; j < c; j++) {
        o.set(base + j, (x.get(base + j) - m) * s * w.get(j) + bb.get(j));
      }
      mu.set(r, m);
      rs.set(r, s);
    });
  }

  @Override
  public void layerNormBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout,
      Tensor inp, Tensor weight, Tensor mean, Tensor rstd, int n, int c) {
    CpuTensor dx = cpu(dinp);
    CpuTensor dw = cpu(dweight);
    CpuTensor db = cpu(dbias);
    CpuTensor dy = cpu(dout);
    CpuTensor x = cpu(inp);
    CpuTensor w = cpu(weight);
    CpuTensor mu = cpu(mean);
    CpuTensor rs = cpu(rstd);
    pool.forEach(n, r -> {
      int base = r * c;
      double m = mu.get(r);
      double s = rs.get(r);
      double meanDnorm = 0;
      double meanDnormNorm = 0;
      for (int j = 0; j < c; j++) {
        double norm = (x.get(base + j) - m) * s;
        double dnorm = w.get(j) * dy.get(base + j);
        meanDnorm += dnorm;
        meanDnormNorm += dnorm * norm;
      }
      meanDnorm /= c;
      meanDnormNorm /= c;
      for (int j = 0; j < c; j++) {
        double norm = (x.get(base + j) - m) * s;
        double dnorm = w.get(j) * dy.get(base + j);
        dx.add(base + j, s * (dnorm - meanDnorm - norm * meanDnormNorm));
      }
    });
    // Weight and bias gradients sum over rows; split by channel so each sum has one owner.
    pool.forEach(c, j -> {
      double gw = 0;
      double gb = 0;
      for (int r = 0; r < n; r++) {
        double g = dy.get(r * c + j);
        gw += (x.get(r * c + j) - mu.get(r)) * rs.get(r) * g;
        gb += g;
      }
      dw.add(j, gw);
      db.add(j, gb);
    });
  }

  // ---- linear layers ----

  @Override
  public void matmulForward(Tensor out, Tensor inp, Tensor weight, Tensor bias, int n, int c,
      int oc) {
    products.timesTransposed(cpu(out), operand(inp, (long) n * c), operand(weight, (long) oc * c),
        bias == null ? null : cpu(bias), n, c, oc);
  }

  @Override
  public void matmulBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout, Tensor inp,
      Tensor weight, int n, int c, int oc) {
    CpuTensor dy = operand(dout, (long) n * oc);
    if (dinp != null) {
      // dinp[N][C] = dout[N][OC] · weight[OC][C]
      products.times(cpu(dinp), false, dy, oc, 1, operand(weight, (long) oc * c), n, oc, c);
    }
    // dweight[OC][C] += doutᵀ[OC][N] · inp[N][C]
    products.times(cpu(dweight), true, dy, 1, oc, operand(inp, (long) n * c), oc, n, c);
    if (dbias != null) {
      CpuTensor db = cpu(dbias);
      CpuTensor d = cpu(dout);
      pool.forEach(oc, o -> {
        double s = 0;
        for (int r = 0; r < n; r++) {
          s += d.get(r * oc + o);
        }
        db.add(o, s);
      });
    }
  }

  /** The tensor as a matrix-product operand: itself, or in BF16 mode a copy rounded to bf16. */
  private CpuTensor operand(Tensor t, long n) {
    CpuTensor c = cpu(t);
    if (precision != Precision.BF16) {
      return c;
    }
    float[] rounded = new float[(int) n];
    for (int i = 0; i < rounded.length; i++) {
      rounded[i] = Bfloat16.round((float) c.get(i));
    }
    return new FloatTensor(c.name() + ".bf16", rounded, 0, rounded.length);
  }

  // ---- attention ----

  @Override
  public AttentionState attentionState(int hs) {
    return attention;
  }

  @Override
  public void attentionForward(Tensor out, Tensor state, Tensor qkv, int b, int t, int nh,
      int hs) {
    CpuTensor o = cpu(out);
    CpuTensor st = cpu(state);
    CpuTensor x = cpu(qkv);
    int c = nh * hs;
    double scale = 1.0 / Math.sqrt(hs);
    pool.forEach(b * nh, unit -> {
      int bi = unit / nh;
      int h = unit % nh;
      double[] p = new double[t];
      for (int t1 = 0; t1 < t; t1++) {
        double lse = causalScores(p, x, bi, h, t1, t, c, hs, scale);
        int row = (bi * nh + h) * t + t1;
        toProbabilities(p, t1, lse);
        if (attention == AttentionState.PROBABILITIES) {
          for (int t2 = 0; t2 < t; t2++) {
            st.set(row * t + t2, t2 <= t1 ? p[t2] : 0);
          }
        } else {
          st.set(row, lse);
        }
        int outRow = (bi * t + t1) * c + h * hs;
        for (int i = 0; i < hs; i++) {
          double s = 0;
          for (int t2 = 0; t2 <= t1; t2++) {
            s += p[t2] * x.get(((bi * t + t2) * 3 + 2) * c + h * hs + i);
          }
          o.set(outRow + i, s);
        }
      }
    });
  }

  /**
   * Writes the scaled scores {@code q(t1)·k(t2) / √HS} for {@code t2 ≤ t1} into {@code s} and
   * returns their log-sum-exp.
   */
  private static double causalScores(double[] s, CpuTensor x, int bi, int h, int t1, int t,
      int c, int hs, double scale) {
    int q = ((bi * t + t1) * 3) * c + h * hs;
    double max = Double.NEGATIVE_INFINITY;
    for (int t2 = 0; t2 <= t1; t2++) {
      int k = ((bi * t + t2) * 3 + 1) * c + h * hs;
      double dot = 0;
      for (int i = 0; i < hs; i++) {
        dot += x.get(q + i) * x.get(k + i);
      }
      s[t2] = dot * scale;
      max = Math.max(max, s[t2]);
    }
    double sum = 0;
    for (int t2 = 0; t2 <= t1; t2++) {
      sum += Math.exp(s[t2] - max);
    }
    return max + Math.log(sum);
  }

  /** Turns the scores {@code s[0..t1]} into softmax probabilities given their log-sum-exp. */
  private static void toProbabilities(double[] s, int t1, double lse) {
    for (int t2 = 0; t2 <= t1; t2++) {
      s[t2] = Math.exp(s[t2] - lse);
    }
  }

  @Override
  public void attentionBackward(Tensor dqkv, Tensor dout, Tensor qkv, Tensor out, Tensor state,
      int b, int t, int nh, int hs) {
    CpuTensor dx = cpu(dqkv);
    CpuTensor dy = cpu(dout);
    CpuTensor x = cpu(qkv);
    CpuTensor st = cpu(state);
    int c = nh * hs;
    double scale = 1.0 / Math.sqrt(hs);
    // Each (batch, head) owns its slice of dqkv: zero it, then accumulate over query positions.
    pool.forEach(b * nh, unit -> {
      int bi = unit / nh;
      int h = unit % nh;
      for (int t1 = 0; t1 < t; t1++) {
        for (int part = 0; part < 3; part++) {
          int base = ((bi * t + t1) * 3 + part) * c + h * hs;
          for (int i = 0; i < hs; i++) {
            dx.set(base + i, 0);
          }
        }
      }
      double[] p = new double[t];
      double[] datt = new double[t];
      for (int t1 = 0; t1 < t; t1++) {
        int q = ((bi * t + t1) * 3) * c + h * hs;
        int row = (bi * nh + h) * t + t1;
        if (attention == AttentionState.PROBABILITIES) {
          for (int t2 = 0; t2 <= t1; t2++) {
            p[t2] = st.get(row * t + t2);
          }
        } else { // recompute the probabilities from the scores and the saved log-sum-exp
          causalScores(p, x, bi, h, t1, t, c, hs, scale);
          toProbabilities(p, t1, st.get(row));
        }
        int outRow = (bi * t + t1) * c + h * hs;
        double weighted = 0;
        for (int t2 = 0; t2 <= t1; t2++) {
          int v = ((bi * t + t2) * 3 + 2) * c + h * hs;
          double s = 0;
          for (int i = 0; i < hs; i++) {
            double g = dy.get(outRow + i);
            s += x.get(v + i) * g;
            dx.add(v + i, p[t2] * g);
          }
          datt[t2] = s;
          weighted += p[t2] * s;
        }
        for (int t2 = 0; t2 <= t1; t2++) {
          // softmax backward: dpre = p · (datt − Σ p·datt), then the 1/√HS scale
          double dpre = p[t2] * (datt[t2] - weighted) * scale;
          int k = ((bi * t + t2) * 3 + 1) * c + h * hs;
          for (int i = 0; i < hs; i++) {
            dx.add(q + i, dpre * x.get(k + i));
            dx.add(k + i, dpre * x.get(q + i));
          }
        }
      }
    });
  }

  // ---- activations ----

  @Override
  public void geluForward(Tensor out, Tensor inp, long n) {
    CpuTensor o = cpu(out);
    CpuTensor x = cpu(inp);
    for (int i = 0; i < n; i++) {
      double v = x.get(i);
      o.set(i, 0.5 * v * (1 + Math.tanh(GELU_SCALE * (v + 0.044715 * v * v * v))));
    }
  }

  @Override
  public void geluBackward(Tensor dinp, Tensor inp, Tensor dout, long n) {
    CpuTensor dx = cpu(dinp);
    CpuTensor x = cpu(inp);
    CpuTensor dy = cpu(dout);
    for (int i = 0; i < n; i++) {
      double v = x.get(i);
      double u = GELU_SCALE * (v + 0.044715 * v * v * v);
      double th = Math.tanh(u);
      double sech2 = 1 - th * th;
      double grad = 0.5 * (1 + th) + 0.5 * v * sech2 * GELU_SCALE * (1 + 3 * 0.044715 * v * v);
      dx.set(i, grad * dy.get(i));
    }
  }

  // ---- vocab-parallel cross-entropy ----

  @Override
  public void rowMax(Tensor max, Tensor logits, int n, int vLocal, int validLocal) {
    CpuTensor m = cpu(max);
    CpuTensor l = cpu(logits);
    pool.forEach(n, r -> {
      double best = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < validLocal; v++) {
        best = Math.max(best, l.get(r * vLocal + v));
      }
      m.set(r, best);
    });
  }

  @Override
  public void rowSumExp(Tensor sumExp, Tensor logits, Tensor max, int n, int vLocal,
      int validLocal) {
    CpuTensor s = cpu(sumExp);
    CpuTensor l = cpu(logits);
    CpuTensor m = cpu(max);
    pool.forEach(n, r -> {
      double mr = m.get(r);
      double sum = 0;
      for (int v = 0; v < validLocal; v++) {
        sum += Math.exp(l.get(r * vLocal + v) - mr);
      }
      s.set(r, sum);
    });
  }

  @Override
  public void targetLogit(Tensor out, Tensor logits, IntTensor targets, int n, int vLocal,
      int vocabStart) {
    CpuTensor o = cpu(out);
    CpuTensor l = cpu(logits);
    int[] tgt = ints(targets);
    for (int r = 0; r < n; r++) {
      int v = tgt[r] - vocabStart;
      o.set(r, v >= 0 && v < vLocal ? l.get(r * vLocal + v) : 0);
    }
  }

  @Override
  public void crossEntropyBackward(Tensor dlogits, Tensor logits, Tensor max, Tensor sumExp,
      IntTensor targets, Tensor rowScale, int n, int vLocal, int validLocal, int vocabStart) {
    CpuTensor d = cpu(dlogits);
    CpuTensor l = cpu(logits);
    CpuTensor m = cpu(max);
    CpuTensor s = cpu(sumExp);
    CpuTensor sc = cpu(rowScale);
    int[] tgt = ints(targets);
    pool.forEach(n, r -> {
      double mr = m.get(r);
      double sr = s.get(r);
      double k = sc.get(r);
      int target = tgt[r] - vocabStart;
      for (int v = 0; v < vLocal; v++) {
        double g = 0;
        if (v < validLocal) {
          double p = Math.exp(l.get(r * vLocal + v) - mr) / sr;
          g = k * (p - (v == target ? 1 : 0));
        }
        d.set(r * vLocal + v, g);
      }
    });
  }

  // ---- optimizer ----

  @Override
  public void adamW(Tensor params, Tensor grads, Tensor m, Tensor v, long n, double lr,
      double beta1, double beta2, double eps, double weightDecay, int step, double gradScale) {
    CpuTensor p = cpu(params);
    CpuTensor g = cpu(grads);
    CpuTensor mt = cpu(m);
    CpuTensor vt = cpu(v);
    double c1 = 1 - Math.pow(beta1, step);
    double c2 = 1 - Math.pow(beta2, step);
    for (int i = 0; i < n; i++) {
      double gi = g.get(i) * gradScale;
      double mi = beta1 * mt.get(i) + (1 - beta1) * gi;
      double vi = beta2 * vt.get(i) + (1 - beta2) * gi * gi;
      mt.set(i, mi);
      vt.set(i, vi);
      double pi = p.get(i);
      p.set(i, pi - lr * ((mi / c1) / (Math.sqrt(vi / c2) + eps) + weightDecay * pi));
    }
  }

  @Override
  public double sumOfSquares(Tensor t, long n) {
    CpuTensor c = cpu(t);
    int chunks = (int) ((n + SUM_CHUNK - 1) / SUM_CHUNK);
    double[] partial = new double[chunks];
    pool.forEach(chunks, k -> {
      double s = 0;
      int end = (int) Math.min(n, (long) (k + 1) * SUM_CHUNK);
      for (int i = k * SUM_CHUNK; i < end; i++) {
        double x = c.get(i);
        s += x * x;
      }
      partial[k] = s;
    });
    double total = 0;
    for (double s : partial) {
      total += s;
    }
    return total;
  }

  @Override
  public void synchronize() {
    // Every call has finished when it returns.
  }

  @Override
  public void close() {
    pool.close();
  }

  private CpuTensor cpu(Tensor t) {
    if (t instanceof CpuTensor c) {
      return c;
    }
    throw new IllegalArgumentException(
        "tensor " + t.name() + " does not belong to the CPU backend (" + t.getClass() + ")");
  }

  private CpuTensor checkLength(Tensor t, int n) {
    CpuTensor c = cpu(t);
    if (n > c.size) {
      throw new IllegalArgumentException(
          "uploading " + n + " values into " + t.name() + " of size " + c.size);
    }
    return c;
  }

  private static int[] ints(IntTensor t) {
    if (t instanceof CpuIntTensor c) {
      return c.data();
    }
    throw new IllegalArgumentException("int tensor " + t.name() + " is not a CPU tensor");
  }
}
