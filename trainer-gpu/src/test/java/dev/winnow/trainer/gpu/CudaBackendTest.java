package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.GpuTestSupport.asFloats;
import static dev.winnow.trainer.gpu.GpuTestSupport.assertClose;
import static dev.winnow.trainer.gpu.GpuTestSupport.assumeGpu;
import static dev.winnow.trainer.gpu.GpuTestSupport.gemmTolerance;
import static dev.winnow.trainer.gpu.GpuTestSupport.nan;
import static dev.winnow.trainer.gpu.GpuTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@link CudaBackend} op against a plain-Java double-precision reference on fresh random
 * inputs. Outputs that an op writes are poisoned with NaN first, so an unwritten element fails.
 * Skipped, with the reason, where there is no GPU or the kernels were not built.
 */
class CudaBackendTest {
  private static final double FP32 = 1e-5;
  private static CudaBackend fp32;
  private static CudaBackend bf16;
  /** BF16 with flash attention (log-sum-exps kept, probabilities recomputed). */
  private static CudaBackend flash;
  private final Random rnd = new Random(System.nanoTime());

  @BeforeAll
  static void open() {
    fp32 = GpuTestSupport.openOrNull(Precision.FP32);
    bf16 = GpuTestSupport.openOrNull(Precision.BF16);
    flash = GpuTestSupport.openOrNull(Precision.BF16, true);
  }

  @AfterAll
  static void close() {
    if (fp32 != null) {
      fp32.close();
    }
    if (bf16 != null) {
      bf16.close();
    }
    if (flash != null) {
      flash.close();
    }
  }

  private static CudaBackend backend(Precision p) {
    return p == Precision.BF16 ? bf16 : fp32;
  }

  private Tensor tensor(CudaBackend b, String name, double[] values) {
    Tensor t = b.allocate(name, values.length);
    b.upload(t, values);
    return t;
  }

  private IntTensor ints(CudaBackend b, String name, int[] values) {
    IntTensor t = b.allocateInts(name, values.length);
    b.uploadInts(t, values);
    return t;
  }

  @Test
  void elementwiseAndCopies() {
    assumeGpu();
    int n = 1000 + rnd.nextInt(5000);
    double[] a = asFloats(random(rnd, n, 3));
    double[] b = asFloats(random(rnd, n, 3));
    Tensor ta = tensor(fp32, "a", a);
    Tensor tb = tensor(fp32, "b", b);
    Tensor out = tensor(fp32, "out", nan(n));
    fp32.add(out, ta, tb, n);
    double[] sum = new double[n];
    for (int i = 0; i < n; i++) {
      sum[i] = a[i] + b[i];
    }
    assertClose("add", fp32.download(out), sum, FP32);
    fp32.accumulate(out, ta, n);
    fp32.scale(out, 0.5, n);
    double[] ref = new double[n];
    for (int i = 0; i < n; i++) {
      ref[i] = (sum[i] + a[i]) * 0.5;
    }
    assertClose("accumulate+scale", fp32.download(out), ref, FP32);
    int off = 7;
    int len = n - 20;
    fp32.copy(out, 3, ta, off, len);
    double[] got = fp32.download(out);
    for (int i = 0; i < len; i++) {
      assertEquals(a[off + i], got[3 + i], 0.0, "copy " + i);
    }
    fp32.zero(out.slice("part", 10, 100));
    got = fp32.download(out);
    for (int i = 10; i < 110; i++) {
      assertEquals(0.0, got[i], "zero " + i);
    }
    assertEquals(a[off + 110 - 3], got[110], 0.0, "zero stays inside the slice");
  }

  @Test
  void embeddings() {
    assumeGpu();
    int b = 3;
    int t = 17;
    int c = 40;
    int n = b * t;
    int vocabStart = 50;
    int vocabLocal = 30;
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = rnd.nextInt(120);  // some outside this rank's [50, 80)
    }
    tokens[0] = vocabStart + 5;
    tokens[1] = vocabStart + 5;  // a repeated token: backward must add both
    double[] wte = asFloats(random(rnd, vocabLocal * c, 1));
    double[] wpe = asFloats(random(rnd, t * c, 1));
    IntTensor tt = ints(fp32, "tokens", tokens);
    Tensor out = tensor(fp32, "out", nan(n * c));
    fp32.embeddingForward(out, tt, tensor(fp32, "wte", wte), n, c, vocabStart, vocabLocal);
    fp32.positionForward(out, tensor(fp32, "wpe", wpe), b, t, c);
    double[] ref = new double[n * c];
    for (int i = 0; i < n; i++) {
      int local = tokens[i] - vocabStart;
      for (int j = 0; j < c; j++) {
        double e = local >= 0 && local < vocabLocal ? wte[local * c + j] : 0;
        ref[i * c + j] = e + wpe[(i % t) * c + j];
      }
    }
    assertClose("embedding+position forward", fp32.download(out), ref, FP32);

    double[] dout = asFloats(random(rnd, n * c, 1));
    double[] dwte0 = asFloats(random(rnd, vocabLocal * c, 1));
    double[] dwpe0 = asFloats(random(rnd, t * c, 1));
    Tensor dwte = tensor(fp32, "dwte", dwte0);
    Tensor dwpe = tensor(fp32, "dwpe", dwpe0);
    Tensor tdout = tensor(fp32, "dout", dout);
    fp32.embeddingBackward(dwte, tdout, tt, n, c, vocabStart, vocabLocal);
    fp32.positionBackward(dwpe, tdout, b, t, c);
    double[] refWte = dwte0.clone();
    double[] refWpe = dwpe0.clone();
    for (int i = 0; i < n; i++) {
      int local = tokens[i] - vocabStart;
      for (int j = 0; j < c; j++) {
        if (local >= 0 && local < vocabLocal) {
          refWte[local * c + j] += dout[i * c + j];
        }
        refWpe[(i % t) * c + j] += dout[i * c + j];
      }
    }
    assertClose("embedding backward", fp32.download(dwte), refWte, FP32);
    assertClose("position backward", fp32.download(dwpe), refWpe, FP32);
  }

  /**
   * A position table of length 1 over many rows is how the model adds a row-parallel layer's
   * bias: its gradient is a column sum over all rows, sliced across blocks; the same input must
   * give the same bits.
   */
  @Test
  void positionBackwardOverManyRowsSumsEveryRowRepeatably() {
    assumeGpu();
    int[][] shapes = {{5000, 40}, {129, 33}, {20000, 3}};  // 40, 2 and 64 (capped) row slices
    for (int[] s : shapes) {
      int n = s[0];
      int c = s[1];
      double[] dout = asFloats(random(rnd, n * c, 1));
      double[] start = asFloats(random(rnd, c, 1));
      double[] ref = start.clone();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < c; j++) {
          ref[j] += dout[i * c + j];
        }
      }
      Tensor tdout = tensor(fp32, "dout", dout);
      Tensor first = tensor(fp32, "first", start);
      Tensor second = tensor(fp32, "second", start);
      fp32.positionBackward(first, tdout, n, 1, c);
      fp32.positionBackward(second, tdout, n, 1, c);
      double[] got = fp32.download(first);
      assertClose("column sums of " + n + "x" + c, got, ref, FP32 * Math.sqrt(n));
      assertArrayEquals(got, fp32.download(second), "column sums of " + n + "x" + c + " repeat");
    }
  }

  /** Odd widths take the scalar kernels, multiples of 4 up to 1024 the float4 ones. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void layerNorm(boolean multipleOf4) {
    assumeGpu();
    int n = 37;
    int c = multipleOf4 ? 4 * (25 + rnd.nextInt(232)) : 101 + 2 * rnd.nextInt(100);
    double[] x = asFloats(random(rnd, n * c, 2));
    double[] w = asFloats(random(rnd, c, 1));
    double[] bias = asFloats(random(rnd, c, 1));
    Tensor out = tensor(fp32, "out", nan(n * c));
    Tensor mean = tensor(fp32, "mean", nan(n));
    Tensor rstd = tensor(fp32, "rstd", nan(n));
    Tensor tx = tensor(fp32, "x", x);
    Tensor tw = tensor(fp32, "w", w);
    fp32.layerNormForward(out, mean, rstd, tx, tw, tensor(fp32, "b", bias), n, c);
    double[] ref = new double[n * c];
    double[] refMean = new double[n];
    double[] refRstd = new double[n];
    for (int i = 0; i < n; i++) {
      double m = 0;
      for (int j = 0; j < c; j++) {
        m += x[i * c + j];
      }
      m /= c;
      double v = 0;
      for (int j = 0; j < c; j++) {
        v += (x[i * c + j] - m) * (x[i * c + j] - m);
      }
      double r = 1 / Math.sqrt(v / c + 1e-5);
      refMean[i] = m;
      refRstd[i] = r;
      for (int j = 0; j < c; j++) {
        ref[i * c + j] = (x[i * c + j] - m) * r * w[j] + bias[j];
      }
    }
    assertClose("layernorm out", fp32.download(out), ref, FP32);
    assertClose("layernorm mean", fp32.download(mean), refMean, FP32);
    assertClose("layernorm rstd", fp32.download(rstd), refRstd, FP32);

    double[] dout = asFloats(random(rnd, n * c, 1));
    double[] dinp0 = asFloats(random(rnd, n * c, 1));
    double[] dw0 = asFloats(random(rnd, c, 1));
    double[] db0 = asFloats(random(rnd, c, 1));
    Tensor dinp = tensor(fp32, "dinp", dinp0);
    Tensor dw = tensor(fp32, "dw", dw0);
    Tensor db = tensor(fp32, "db", db0);
    fp32.layerNormBackward(dinp, dw, db, tensor(fp32, "dout", dout), tx, tw, mean, rstd, n, c);
    double[] refDinp = dinp0.clone();
    double[] refDw = dw0.clone();
    double[] refDb = db0.clone();
    for (int i = 0; i < n; i++) {
      double sd = 0;
      double sdn = 0;
      for (int j = 0; j < c; j++) {
        double norm = (x[i * c + j] - refMean[i]) * refRstd[i];
        double dnorm = dout[i * c + j] * w[j];
        sd += dnorm;
        sdn += dnorm * norm;
        refDw[j] += dout[i * c + j] * norm;
        refDb[j] += dout[i * c + j];
      }
      sd /= c;
      sdn /= c;
      for (int j = 0; j < c; j++) {
        double norm = (x[i * c + j] - refMean[i]) * refRstd[i];
        double dnorm = dout[i * c + j] * w[j];
        refDinp[i * c + j] += refRstd[i] * (dnorm - sd - norm * sdn);
      }
    }
    assertClose("layernorm dinp", fp32.download(dinp), refDinp, FP32);
    assertClose("layernorm dweight", fp32.download(dw), refDw, FP32);
    assertClose("layernorm dbias", fp32.download(db), refDb, FP32);
  }

  /** BF16 keeps bf16 copies of product operands: every write to a tensor must retire them. */
  @Test
  void productsSeeEveryWriteToTheirOperands() {
    assumeGpu();
    CudaBackend be = backend(Precision.BF16);
    int n = 64;
    int c = 40;
    int oc = 24;
    double[] x = asFloats(random(rnd, n * c, 1));
    double[] w = asFloats(random(rnd, oc * c, 1));
    Tensor tx = tensor(be, "x", x);
    Tensor tw = tensor(be, "w", w);
    Tensor out = tensor(be, "out", nan(n * oc));
    Tensor other = tensor(be, "other", asFloats(random(rnd, n * c, 1)));
    be.matmulForward(out, tx, tw, null, n, c, oc);
    assertClose("first", be.download(out), product(x, w, n, c, oc), gemmTolerance(Precision.BF16));
    be.scale(tx, 2, (long) n * c);
    for (int i = 0; i < x.length; i++) {
      x[i] *= 2;
    }
    be.matmulForward(out, tx, tw, null, n, c, oc);
    assertClose("after scale", be.download(out), product(x, w, n, c, oc),
        gemmTolerance(Precision.BF16));
    be.copy(tx, 5L * c, other, 0, c);  // one row, through a copy
    double[] o = be.download(other);
    System.arraycopy(o, 0, x, 5 * c, c);
    be.matmulForward(out, tx, tw, null, n, c, oc);
    assertClose("after copy", be.download(out), product(x, w, n, c, oc),
        gemmTolerance(Precision.BF16));
    be.geluForward(tx.slice("x.tail", 8L * c, 8L * c), other, 8L * c);  // a slice, by a kernel
    double[] tail = be.download(tx);
    be.matmulForward(out, tx, tw, null, n, c, oc);
    assertClose("after gelu into a slice", be.download(out), product(tail, w, n, c, oc),
        gemmTolerance(Precision.BF16));
  }

  private static double[] product(double[] x, double[] w, int n, int c, int oc) {
    double[] ref = new double[n * oc];
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < oc; o++) {
        double acc = 0;
        for (int k = 0; k < c; k++) {
          acc += x[i * c + k] * w[o * c + k];
        }
        ref[i * oc + o] = acc;
      }
    }
    return ref;
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"FP32", "BF16"})
  void matmulAtOddSizes(Precision p) {
    assumeGpu();
    CudaBackend be = backend(p);
    // Not multiples of any tile; oc odd like the 50257 vocabulary. The last two: few output
    // tiles over a long reduction, so BF16 splits it (split-K) for the weight gradient (many
    // rows) and for the input gradient (a vocabulary-sized oc).
    int[][] shapes = {{37, 72, 29}, {130, 33, 257}, {300, 768, 1001}, {2048, 136, 200},
        {256, 64, 8192}};
    for (int[] s : shapes) {
      int n = s[0];
      int c = s[1];
      int oc = s[2];
      String at = p + " n=" + n + " c=" + c + " oc=" + oc;
      double[] x = asFloats(random(rnd, n * c, 1));
      double[] w = asFloats(random(rnd, oc * c, 1));
      double[] bias = asFloats(random(rnd, oc, 1));
      Tensor tx = tensor(be, "x", x);
      Tensor tw = tensor(be, "w", w);
      Tensor out = tensor(be, "out", nan(n * oc));
      be.matmulForward(out, tx, tw, tensor(be, "bias", bias), n, c, oc);
      double[] ref = new double[n * oc];
      for (int i = 0; i < n; i++) {
        for (int o = 0; o < oc; o++) {
          double acc = bias[o];
          for (int k = 0; k < c; k++) {
            acc += x[i * c + k] * w[o * c + k];
          }
          ref[i * oc + o] = acc;
        }
      }
      assertClose("matmul forward " + at, be.download(out), ref, gemmTolerance(p));

      double[] dout = asFloats(random(rnd, n * oc, 1));
      double[] dw0 = asFloats(random(rnd, oc * c, 1));
      double[] db0 = asFloats(random(rnd, oc, 1));
      Tensor dinp = tensor(be, "dinp", nan(n * c));
      Tensor dw = tensor(be, "dw", dw0);
      Tensor db = tensor(be, "db", db0);
      be.matmulBackward(dinp, dw, db, tensor(be, "dout", dout), tx, tw, n, c, oc);
      double[] refDinp = new double[n * c];
      double[] refDw = dw0.clone();
      double[] refDb = db0.clone();
      for (int i = 0; i < n; i++) {
        for (int o = 0; o < oc; o++) {
          double d = dout[i * oc + o];
          refDb[o] += d;
          for (int k = 0; k < c; k++) {
            refDinp[i * c + k] += d * w[o * c + k];
            refDw[o * c + k] += d * x[i * c + k];
          }
        }
      }
      assertClose("matmul dinp " + at, be.download(dinp), refDinp, gemmTolerance(p));
      assertClose("matmul dweight " + at, be.download(dw), refDw, gemmTolerance(p));
      assertClose("matmul dbias " + at, be.download(db), refDb, FP32);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"FP32", "BF16"})
  void attention(Precision p) {
    assumeGpu();
    CudaBackend be = backend(p);
    // hs 16: bf16-aligned heads (tensor cores); hs 12: the fp32 fallback; T not a tile multiple.
    int[][] shapes = {{2, 70, 3, 16}, {1, 33, 2, 12}, {2, 160, 2, 64}};
    for (int[] s : shapes) {
      checkAttention(be, p, s[0], s[1], s[2], s[3]);
    }
  }

  /**
   * The flash kernels (head sizes 32 and 64): T below, at and across tile multiples of 64, one
   * and several heads and sequences.
   */
  @Test
  void flashAttention() {
    assumeGpu();
    int[][] shapes = {{1, 64, 1, 64}, {2, 70, 3, 32}, {2, 160, 2, 64}, {1, 37, 2, 64},
        {3, 257, 2, 64}};
    for (int[] s : shapes) {
      assertEquals(AttentionState.LOG_SUM_EXP, flash.attentionState(s[3]));
      checkAttention(flash, Precision.BF16, s[0], s[1], s[2], s[3]);
    }
    // other head sizes keep the materialized path
    assertEquals(AttentionState.PROBABILITIES, flash.attentionState(16));
    checkAttention(flash, Precision.BF16, 2, 70, 3, 16);
  }

  private void checkAttention(CudaBackend be, Precision p, int b, int t, int nh, int hs) {
    AttentionState state = be.attentionState(hs);
    String at = p + " " + state + " B=" + b + " T=" + t + " NH=" + nh + " HS=" + hs;
    int c = nh * hs;
    double[] qkv = asFloats(random(rnd, b * t * 3 * c, 1));
    Tensor tqkv = tensor(be, "qkv", qkv);
    Tensor out = tensor(be, "out", nan(b * t * c));
    Tensor att = tensor(be, "att", nan((int) state.size(b, t, nh)));
    be.attentionForward(out, att, tqkv, b, t, nh, hs);
    double[] dout = asFloats(random(rnd, b * t * c, 1));
    Tensor dqkv = tensor(be, "dqkv", nan(b * t * 3 * c));
    be.attentionBackward(dqkv, tensor(be, "dout", dout), tqkv, out, att, b, t, nh, hs);

    double[] refOut = new double[b * t * c];
    double[] refAtt = new double[b * nh * t * t];
    double[] refLse = new double[b * nh * t];
    double[] refDqkv = new double[b * t * 3 * c];
    double scale = 1 / Math.sqrt(hs);
    for (int bb = 0; bb < b; bb++) {
      for (int h = 0; h < nh; h++) {
        double[][] a = new double[t][t];
        for (int i = 0; i < t; i++) {
          double max = Double.NEGATIVE_INFINITY;
          double[] sc = new double[i + 1];
          for (int j = 0; j <= i; j++) {
            double dot = 0;
            for (int k = 0; k < hs; k++) {
              dot += qkv[((bb * t + i) * 3) * c + h * hs + k] * qkv[((bb * t + j) * 3 + 1) * c + h * hs + k];
            }
            sc[j] = dot * scale;
            max = Math.max(max, sc[j]);
          }
          double sum = 0;
          for (int j = 0; j <= i; j++) {
            sum += Math.exp(sc[j] - max);
          }
          refLse[(bb * nh + h) * t + i] = max + Math.log(sum);
          for (int j = 0; j <= i; j++) {
            a[i][j] = Math.exp(sc[j] - max) / sum;
            refAtt[((bb * nh + h) * t + i) * t + j] = a[i][j];
          }
          for (int k = 0; k < hs; k++) {
            double o = 0;
            for (int j = 0; j <= i; j++) {
              o += a[i][j] * qkv[((bb * t + j) * 3 + 2) * c + h * hs + k];
            }
            refOut[(bb * t + i) * c + h * hs + k] = o;
          }
        }
        // backward
        for (int i = 0; i < t; i++) {
          double[] datt = new double[i + 1];
          double dot = 0;
          for (int j = 0; j <= i; j++) {
            double d = 0;
            for (int k = 0; k < hs; k++) {
              d += dout[(bb * t + i) * c + h * hs + k] * qkv[((bb * t + j) * 3 + 2) * c + h * hs + k];
              refDqkv[((bb * t + j) * 3 + 2) * c + h * hs + k] += a[i][j] * dout[(bb * t + i) * c + h * hs + k];
            }
            datt[j] = d;
            dot += a[i][j] * d;
          }
          for (int j = 0; j <= i; j++) {
            double dpre = a[i][j] * (datt[j] - dot) * scale;
            for (int k = 0; k < hs; k++) {
              refDqkv[((bb * t + i) * 3) * c + h * hs + k] += dpre * qkv[((bb * t + j) * 3 + 1) * c + h * hs + k];
              refDqkv[((bb * t + j) * 3 + 1) * c + h * hs + k] += dpre * qkv[((bb * t + i) * 3) * c + h * hs + k];
            }
          }
        }
      }
    }
    double tol = p == Precision.BF16 ? 1e-2 : 2e-5;
    double[] gotAtt = be.download(att);
    if (state == AttentionState.PROBABILITIES) {
      for (int i = 0; i < gotAtt.length; i++) {
        int row = i / t;
        if (i % t > row % t) {
          assertEquals(0.0, gotAtt[i], "att above the diagonal " + at);
        }
      }
    }
    assertClose("attention out " + at, be.download(out), refOut, tol);
    assertClose("attention state " + at, gotAtt,
        state == AttentionState.PROBABILITIES ? refAtt : refLse, tol);
    assertClose("attention dqkv " + at, be.download(dqkv), refDqkv, tol);
  }

  @Test
  void gelu() {
    assumeGpu();
    int n = 3000;
    double[] x = asFloats(random(rnd, n, 4));
    double[] dout = asFloats(random(rnd, n, 1));
    Tensor tx = tensor(fp32, "x", x);
    Tensor out = tensor(fp32, "out", nan(n));
    Tensor dinp = tensor(fp32, "dinp", nan(n));
    fp32.geluForward(out, tx, n);
    fp32.geluBackward(dinp, tx, tensor(fp32, "dout", dout), n);
    double s = Math.sqrt(2 / Math.PI);
    double[] ref = new double[n];
    double[] refD = new double[n];
    for (int i = 0; i < n; i++) {
      double v = x[i];
      double th = Math.tanh(s * (v + 0.044715 * v * v * v));
      ref[i] = 0.5 * v * (1 + th);
      double local = 0.5 * (1 + th) + v * 0.5 * (1 - th * th) * s * (1 + 3 * 0.044715 * v * v);
      refD[i] = local * dout[i];
    }
    assertClose("gelu forward", fp32.download(out), ref, FP32);
    assertClose("gelu backward", fp32.download(dinp), refD, FP32);
  }

  @Test
  void crossEntropyPieces() {
    assumeGpu();
    int n = 29;
    int vLocal = 1000;
    int valid = 937;  // the padded columns must be ignored
    int vocabStart = 2000;
    double[] logits = asFloats(random(rnd, n * vLocal, 8));
    for (int i = 0; i < n; i++) {
      logits[i * vLocal + valid + 3] = 1e4;  // a large padded logit that must not count
    }
    int[] targets = new int[n];
    for (int i = 0; i < n; i++) {
      targets[i] = i % 5 == 0 ? 17 : vocabStart + rnd.nextInt(valid);  // some on another rank
    }
    double[] rowScale = asFloats(random(rnd, n, 1));
    Tensor tl = tensor(fp32, "logits", logits);
    IntTensor tt = ints(fp32, "targets", targets);
    Tensor max = tensor(fp32, "max", nan(n));
    Tensor sumExp = tensor(fp32, "sumExp", nan(n));
    Tensor target = tensor(fp32, "target", nan(n));
    Tensor dl = tensor(fp32, "dlogits", nan(n * vLocal));
    fp32.rowMax(max, tl, n, vLocal, valid);
    fp32.rowSumExp(sumExp, tl, max, n, vLocal, valid);
    fp32.targetLogit(target, tl, tt, n, vLocal, vocabStart);
    fp32.crossEntropyBackward(dl, tl, max, sumExp, tt, tensor(fp32, "scale", rowScale), n, vLocal,
        valid, vocabStart);
    double[] refMax = new double[n];
    double[] refSum = new double[n];
    double[] refTarget = new double[n];
    double[] refD = new double[n * vLocal];
    for (int i = 0; i < n; i++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < valid; v++) {
        m = Math.max(m, logits[i * vLocal + v]);
      }
      double s = 0;
      for (int v = 0; v < valid; v++) {
        s += Math.exp(logits[i * vLocal + v] - m);
      }
      refMax[i] = m;
      refSum[i] = s;
      int local = targets[i] - vocabStart;
      refTarget[i] = local >= 0 && local < vLocal ? logits[i * vLocal + local] : 0;
      for (int v = 0; v < valid; v++) {
        double prob = Math.exp(logits[i * vLocal + v] - m) / s;
        refD[i * vLocal + v] = rowScale[i] * (prob - (v + vocabStart == targets[i] ? 1 : 0));
      }
    }
    assertClose("rowMax", fp32.download(max), refMax, FP32);
    assertClose("rowSumExp", fp32.download(sumExp), refSum, FP32);
    assertClose("targetLogit", fp32.download(target), refTarget, FP32);
    assertClose("crossEntropyBackward", fp32.download(dl), refD, FP32);
  }

  @Test
  void adamWAndSumOfSquares() {
    assumeGpu();
    int n = 5000 + 4 * rnd.nextInt(250);  // a multiple of 4: the float4 kernel
    double[] p0 = asFloats(random(rnd, n, 1));
    double[] g = asFloats(random(rnd, n, 1));
    double[] m0 = asFloats(random(rnd, n, 0.1));
    double[] v0 = new double[n];
    for (int i = 0; i < n; i++) {
      v0[i] = (float) (rnd.nextDouble() * 0.01);
    }
    Tensor tp = tensor(fp32, "p", p0);
    Tensor tg = tensor(fp32, "g", g);
    Tensor tm = tensor(fp32, "m", m0);
    Tensor tv = tensor(fp32, "v", v0);
    double lr = 1e-3;
    double b1 = 0.9;
    double b2 = 0.95;
    double eps = 1e-8;
    double wd = 0.1;
    int step = 7;
    double gs = 0.5;
    fp32.adamW(tp, tg, tm, tv, n, lr, b1, b2, eps, wd, step, gs);
    double[] rp = new double[n];
    double[] rm = new double[n];
    double[] rv = new double[n];
    for (int i = 0; i < n; i++) {
      double gi = g[i] * gs;
      rm[i] = b1 * m0[i] + (1 - b1) * gi;
      rv[i] = b2 * v0[i] + (1 - b2) * gi * gi;
      double mh = rm[i] / (1 - Math.pow(b1, step));
      double vh = rv[i] / (1 - Math.pow(b2, step));
      rp[i] = p0[i] - lr * (mh / (Math.sqrt(vh) + eps) + wd * p0[i]);
    }
    assertClose("adamW params", fp32.download(tp), rp, FP32);
    assertClose("adamW m", fp32.download(tm), rm, FP32);
    assertClose("adamW v", fp32.download(tv), rv, FP32);

    double ref = 0;
    for (double x : g) {
      ref += x * x;
    }
    double got = fp32.sumOfSquares(tg, n);
    assertEquals(ref, got, ref * 1e-9, "sumOfSquares");
    double big = fp32.sumOfSquares(fp32.allocate("zeros", 3_000_000), 3_000_000);
    assertEquals(0.0, big, "sumOfSquares of zeros");
  }
}
