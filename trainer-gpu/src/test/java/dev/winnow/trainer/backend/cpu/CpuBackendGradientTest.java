package dev.winnow.trainer.backend.cpu;

import static dev.winnow.trainer.backend.cpu.CpuBackendMatmulTest.random;
import static dev.winnow.trainer.backend.cpu.CpuBackendMatmulTest.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each backward kernel against central finite differences of its forward kernel in FP64, on the
 * scalar {@code L = Σ out · R} for a random {@code R} (so {@code dout = R}).
 */
class CpuBackendGradientTest {
  private static final double H = 1e-6;
  private final Backend b = new CpuBackend(Precision.FP64, 2);
  private final Random rnd = new Random(7);

  @AfterEach
  void close() {
    b.close();
  }

  @Test
  void layerNormBackwardMatchesFiniteDifferences() {
    int n = 3;
    int c = 10;
    Tensor x = up(b, "x", random(rnd, n * c));
    Tensor w = up(b, "w", random(rnd, c));
    Tensor bias = up(b, "b", random(rnd, c));
    Tensor out = b.allocate("out", n * c);
    Tensor mean = b.allocate("mean", n);
    Tensor rstd = b.allocate("rstd", n);
    Tensor r = up(b, "r", random(rnd, n * c));
    Runnable forward = () -> b.layerNormForward(out, mean, rstd, x, w, bias, n, c);
    Tensor dx = b.allocate("dx", n * c);
    Tensor dw = b.allocate("dw", c);
    Tensor db = b.allocate("db", c);
    forward.run();
    b.layerNormBackward(dx, dw, db, r, x, w, mean, rstd, n, c);
    assertGradient(x, dx, forward, out, r);
    assertGradient(w, dw, forward, out, r);
    assertGradient(bias, db, forward, out, r);
  }

  @ParameterizedTest
  @EnumSource(AttentionState.class)
  void attentionBackwardMatchesFiniteDifferences(AttentionState state) {
    try (Backend be = new CpuBackend(Precision.FP64, 2, state)) {
      attentionBackwardMatchesFiniteDifferences(be, state);
    }
  }

  private void attentionBackwardMatchesFiniteDifferences(Backend be, AttentionState state) {
    assertEquals(state, be.attentionState(3));
    int bt = 2;
    int t = 5;
    int nh = 2;
    int hs = 3;
    Tensor qkv = up(be, "qkv", random(rnd, bt * t * 3 * nh * hs));
    Tensor out = be.allocate("out", bt * t * nh * hs);
    Tensor att = be.allocate("att", state.size(bt, t, nh));
    Tensor r = up(be, "r", random(rnd, bt * t * nh * hs));
    Runnable forward = () -> be.attentionForward(out, att, qkv, bt, t, nh, hs);
    forward.run();
    Tensor dqkv = up(be, "dqkv", random(rnd, bt * t * 3 * nh * hs)); // must be overwritten
    be.attentionBackward(dqkv, r, qkv, out, att, bt, t, nh, hs);
    assertGradient(be, qkv, dqkv, forward, out, r);
    double[] kept = be.download(att);
    if (state == AttentionState.PROBABILITIES) {
      // causal: position 0 attends only to itself
      assertEquals(1.0, kept[0], 1e-15);
      assertEquals(0.0, kept[1], 0.0);
    } else {
      // position 0's only score is q0·k0/√HS, so its log-sum-exp is that score
      double[] x = be.download(qkv);
      double s = 0;
      for (int i = 0; i < hs; i++) {
        s += x[i] * x[nh * hs + i];
      }
      assertEquals(s / Math.sqrt(hs), kept[0], 1e-12);
    }
  }

  /** Both states give the same output and the same gradients, to rounding. */
  @Test
  void logSumExpStateMatchesProbabilities() {
    int bt = 3;
    int t = 17;
    int nh = 2;
    int hs = 8;
    double[] x = random(rnd, bt * t * 3 * nh * hs);
    double[] dy = random(rnd, bt * t * nh * hs);
    double[][] results = new double[2][];
    double[][] outs = new double[2][];
    for (AttentionState state : AttentionState.values()) {
      try (Backend be = new CpuBackend(Precision.FP64, 2, state)) {
        Tensor qkv = up(be, "qkv", x);
        Tensor out = be.allocate("out", bt * t * nh * hs);
        Tensor att = be.allocate("att", state.size(bt, t, nh));
        be.attentionForward(out, att, qkv, bt, t, nh, hs);
        Tensor dqkv = be.allocate("dqkv", x.length);
        be.attentionBackward(dqkv, up(be, "dy", dy), qkv, out, att, bt, t, nh, hs);
        outs[state.ordinal()] = be.download(out);
        results[state.ordinal()] = be.download(dqkv);
      }
    }
    assertEquals(bt * nh * t, AttentionState.LOG_SUM_EXP.size(bt, t, nh));
    assertEquals((long) bt * nh * t * t, AttentionState.PROBABILITIES.size(bt, t, nh));
    for (int i = 0; i < outs[0].length; i++) {
      assertEquals(outs[0][i], outs[1][i], 1e-13, "out[" + i + "]");
    }
    for (int i = 0; i < results[0].length; i++) {
      assertEquals(results[0][i], results[1][i], 1e-12, "dqkv[" + i + "]");
    }
  }

  @Test
  void geluBackwardMatchesFiniteDifferences() {
    int n = 20;
    Tensor x = up(b, "x", random(rnd, n));
    Tensor out = b.allocate("out", n);
    Tensor r = up(b, "r", random(rnd, n));
    Runnable forward = () -> b.geluForward(out, x, n);
    Tensor dx = b.allocate("dx", n);
    b.geluBackward(dx, x, r, n);
    assertGradient(x, dx, forward, out, r);
  }

  @Test
  void crossEntropyPiecesGiveLogSoftmaxLossAndItsGradient() {
    int n = 4;
    int vLocal = 8;
    int valid = 6; // two padded columns
    Tensor logits = up(b, "logits", random(rnd, n * vLocal));
    IntTensor targets = b.allocateInts("targets", n);
    int[] tgt = {0, 5, 3, 2};
    b.uploadInts(targets, tgt);
    Tensor max = b.allocate("max", n);
    Tensor sum = b.allocate("sum", n);
    Tensor tl = b.allocate("tl", n);
    Tensor scale = up(b, "scale", new double[] {0.25, 0.25, 0, 0.25}); // row 2 masked
    Tensor d = b.allocate("d", n * vLocal);
    Tensor loss = b.allocate("loss", 1);
    Runnable forward = () -> {
      b.rowMax(max, logits, n, vLocal, valid);
      b.rowSumExp(sum, logits, max, n, vLocal, valid);
      b.targetLogit(tl, logits, targets, n, vLocal, 0);
      double[] m = b.download(max);
      double[] s = b.download(sum);
      double[] t = b.download(tl);
      double[] k = b.download(scale);
      double l = 0;
      for (int i = 0; i < n; i++) {
        l += k[i] * (m[i] + Math.log(s[i]) - t[i]);
      }
      b.upload(loss, new double[] {l});
    };
    forward.run();
    b.crossEntropyBackward(d, logits, max, sum, targets, scale, n, vLocal, valid, 0);
    assertGradient(logits, d, forward, loss, up(b, "one", new double[] {1}));
    double[] g = b.download(d);
    assertEquals(0.0, g[6], 0.0);
    assertEquals(0.0, g[2 * vLocal + 1], 0.0);
  }

  @Test
  void embeddingAndPositionBackwardMatchFiniteDifferences() {
    int bt = 2;
    int t = 3;
    int c = 4;
    int vocabStart = 5;
    int vLocal = 4;
    IntTensor tokens = b.allocateInts("tokens", bt * t);
    b.uploadInts(tokens, new int[] {5, 6, 5, 9, 8, 2}); // 9 and 2 are another rank's rows
    Tensor wte = up(b, "wte", random(rnd, vLocal * c));
    Tensor wpe = up(b, "wpe", random(rnd, t * c));
    Tensor out = b.allocate("out", bt * t * c);
    Tensor r = up(b, "r", random(rnd, bt * t * c));
    Runnable forward = () -> {
      b.embeddingForward(out, tokens, wte, bt * t, c, vocabStart, vLocal);
      b.positionForward(out, wpe, bt, t, c);
    };
    Tensor dwte = b.allocate("dwte", vLocal * c);
    Tensor dwpe = b.allocate("dwpe", t * c);
    b.embeddingBackward(dwte, r, tokens, bt * t, c, vocabStart, vLocal);
    b.positionBackward(dwpe, r, bt, t, c);
    assertGradient(wte, dwte, forward, out, r);
    assertGradient(wpe, dwpe, forward, out, r);
  }

  @Test
  void adamWFollowsTheBiasCorrectedUpdate() {
    Tensor p = up(b, "p", new double[] {1.0});
    Tensor g = up(b, "g", new double[] {0.5});
    Tensor m = b.allocate("m", 1);
    Tensor v = b.allocate("v", 1);
    b.adamW(p, g, m, v, 1, 0.1, 0.9, 0.95, 1e-8, 0.1, 1, 2.0);
    // step 1: m̂ = g·scale = 1, v̂ = 1, update = 1/(1+1e-8) + 0.1·1
    assertEquals(1.0 - 0.1 * (1 / (1 + 1e-8) + 0.1), b.download(p)[0], 1e-15);
    assertEquals(0.1, b.download(m)[0], 1e-15);
    assertEquals(0.05 * 1.0, b.download(v)[0], 1e-15);
    assertEquals(0.25, b.sumOfSquares(g, 1), 0.0);
  }

  /** {@code grad} holds ∂(Σ out·r)/∂input; compares it with central differences. */
  private void assertGradient(Tensor input, Tensor grad, Runnable forward, Tensor out, Tensor r) {
    assertGradient(b, input, grad, forward, out, r);
  }

  private static void assertGradient(Backend b, Tensor input, Tensor grad, Runnable forward,
      Tensor out, Tensor r) {
    double[] x = b.download(input);
    double[] g = b.download(grad);
    double[] rv = b.download(r);
    Consumer<double[]> set = v -> b.upload(input, v);
    for (int i = 0; i < x.length; i++) {
      double[] xp = x.clone();
      xp[i] += H;
      set.accept(xp);
      forward.run();
      double lp = dot(b.download(out), rv);
      xp[i] -= 2 * H;
      set.accept(xp);
      forward.run();
      double lm = dot(b.download(out), rv);
      double numeric = (lp - lm) / (2 * H);
      assertTrue(Math.abs(numeric - g[i]) <= 1e-6 * (1 + Math.abs(numeric)),
          input.name() + "[" + i + "]: analytic " + g[i] + " vs numeric " + numeric);
    }
    set.accept(x);
    forward.run();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
