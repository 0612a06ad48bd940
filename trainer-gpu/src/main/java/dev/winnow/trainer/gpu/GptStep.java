package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.model.GptConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A full GPT-2 training step (forward, backward, gradient norm, AdamW) issued through the
 * {@link Backend} calls alone, in llm.c's order, on one fixed batch of seeded random tokens and
 * seeded initial weights: the same on any backend, so two backends can be compared step by
 * step. It stands in for the trainer ({@code GptModel}) in the GPU backend's benchmark and
 * tests until that exists; it is not the trainer.
 */
public final class GptStep {
  private final Backend be;
  private final GptConfig cfg;
  private final int b;
  private final int t;
  private final int c;
  private final int bt;
  private final int vp;
  private final Params params;
  private final Params grads;
  private final Tensor m;
  private final Tensor v;
  private final IntTensor tokens;
  private final IntTensor targets;
  private final Tensor rowScale;
  private final Acts acts;

  /** Views of one flat buffer, in the order llm.c lays parameters out. */
  private static final class Params {
    final Tensor all;
    final Tensor wte;
    final Tensor wpe;
    final Tensor[] ln1w;
    final Tensor[] ln1b;
    final Tensor[] qkvw;
    final Tensor[] qkvb;
    final Tensor[] projw;
    final Tensor[] projb;
    final Tensor[] ln2w;
    final Tensor[] ln2b;
    final Tensor[] fcw;
    final Tensor[] fcb;
    final Tensor[] fcprojw;
    final Tensor[] fcprojb;
    final Tensor lnfw;
    final Tensor lnfb;
    final List<Tensor> norms = new ArrayList<>();
    final List<Tensor> biases = new ArrayList<>();
    private long at;

    Params(Backend be, String prefix, GptConfig g) {
      int l = g.layers();
      long c = g.hidden();
      all = be.allocate(prefix, g.parameters());
      wte = next(prefix + ".wte", (long) g.paddedVocab() * c);
      wpe = next(prefix + ".wpe", g.seqLen() * c);
      ln1w = new Tensor[l];
      ln1b = new Tensor[l];
      qkvw = new Tensor[l];
      qkvb = new Tensor[l];
      projw = new Tensor[l];
      projb = new Tensor[l];
      ln2w = new Tensor[l];
      ln2b = new Tensor[l];
      fcw = new Tensor[l];
      fcb = new Tensor[l];
      fcprojw = new Tensor[l];
      fcprojb = new Tensor[l];
      for (int i = 0; i < l; i++) {
        String h = prefix + ".h" + i;
        ln1w[i] = norm(h + ".ln1.weight", c);
        ln1b[i] = bias(h + ".ln1.bias", c);
        qkvw[i] = next(h + ".attn.qkv.weight", 3 * c * c);
        qkvb[i] = bias(h + ".attn.qkv.bias", 3 * c);
        projw[i] = next(h + ".attn.proj.weight", c * c);
        projb[i] = bias(h + ".attn.proj.bias", c);
        ln2w[i] = norm(h + ".ln2.weight", c);
        ln2b[i] = bias(h + ".ln2.bias", c);
        fcw[i] = next(h + ".mlp.fc.weight", 4 * c * c);
        fcb[i] = bias(h + ".mlp.fc.bias", 4 * c);
        fcprojw[i] = next(h + ".mlp.proj.weight", 4 * c * c);
        fcprojb[i] = bias(h + ".mlp.proj.bias", c);
      }
      lnfw = norm(prefix + ".lnf.weight", c);
      lnfb = bias(prefix + ".lnf.bias", c);
      if (at != all.size()) {
        throw new IllegalStateException("parameter views cover " + at + " of " + all.size());
      }
    }

    private Tensor next(String name, long n) {
      Tensor s = all.slice(name, at, n);
      at += n;
      return s;
    }

    private Tensor norm(String name, long n) {
      Tensor s = next(name, n);
      norms.add(s);
      return s;
    }

    private Tensor bias(String name, long n) {
      Tensor s = next(name, n);
      biases.add(s);
      return s;
    }
  }

  /** Saved activations (per layer) and the gradient buffers reused across layers. */
  private static final class Acts {
    final Tensor encoded;
    final Tensor[] ln1;
    final Tensor[] ln1Mean;
    final Tensor[] ln1Rstd;
    final Tensor[] qkv;
    final Tensor[] atty;
    final Tensor[] att;
    final Tensor[] res2;
    final Tensor[] ln2;
    final Tensor[] ln2Mean;
    final Tensor[] ln2Rstd;
    final Tensor[] fch;
    final Tensor[] fchGelu;
    final Tensor[] res3;
    final Tensor lnf;
    final Tensor lnfMean;
    final Tensor lnfRstd;
    final Tensor logits;
    final Tensor dlogits;
    final Tensor rowMax;
    final Tensor sumExp;
    final Tensor target;
    final Tensor tmp;
    final Tensor dresidual;
    final Tensor dln;
    final Tensor dqkv;
    final Tensor datty;
    final Tensor dfch;
    final Tensor dfchGelu;

    Acts(Backend be, int l, int b, int t, int c, int nh, int vp) {
      long btc = (long) b * t * c;
      long bt = (long) b * t;
      encoded = be.allocate("encoded", btc);
      ln1 = layers(be, "ln1", l, btc);
      ln1Mean = layers(be, "ln1.mean", l, bt);
      ln1Rstd = layers(be, "ln1.rstd", l, bt);
      qkv = layers(be, "qkv", l, 3 * btc);
      atty = layers(be, "atty", l, btc);
      att = layers(be, "att", l, (long) b * nh * t * t);
      res2 = layers(be, "res2", l, btc);
      ln2 = layers(be, "ln2", l, btc);
      ln2Mean = layers(be, "ln2.mean", l, bt);
      ln2Rstd = layers(be, "ln2.rstd", l, bt);
      fch = layers(be, "fch", l, 4 * btc);
      fchGelu = layers(be, "fch.gelu", l, 4 * btc);
      res3 = layers(be, "res3", l, btc);
      lnf = be.allocate("lnf", btc);
      lnfMean = be.allocate("lnf.mean", bt);
      lnfRstd = be.allocate("lnf.rstd", bt);
      logits = be.allocate("logits", bt * vp);
      dlogits = be.allocate("dlogits", bt * vp);
      rowMax = be.allocate("rowMax", bt);
      sumExp = be.allocate("sumExp", bt);
      target = be.allocate("target", bt);
      tmp = be.allocate("tmp", btc);
      dresidual = be.allocate("dresidual", btc);
      dln = be.allocate("dln", btc);
      dqkv = be.allocate("dqkv", 3 * btc);
      datty = be.allocate("datty", btc);
      dfch = be.allocate("dfch", 4 * btc);
      dfchGelu = be.allocate("dfch.gelu", 4 * btc);
    }

    private static Tensor[] layers(Backend be, String name, int l, long n) {
      Tensor[] x = new Tensor[l];
      for (int i = 0; i < l; i++) {
        x[i] = be.allocate("h" + i + "." + name, n);
      }
      return x;
    }
  }

  /** Allocates everything on {@code be} and uploads the seeded batch and initial weights. */
  public GptStep(Backend be, GptConfig cfg, int batch, long seed) {
    this.be = be;
    this.cfg = cfg;
    b = batch;
    t = cfg.seqLen();
    c = cfg.hidden();
    bt = b * t;
    vp = cfg.paddedVocab();
    params = new Params(be, "params", cfg);
    grads = new Params(be, "grads", cfg);
    m = be.allocate("adam.m", cfg.parameters());
    v = be.allocate("adam.v", cfg.parameters());
    acts = new Acts(be, cfg.layers(), b, t, c, cfg.heads(), vp);
    tokens = be.allocateInts("tokens", bt);
    targets = be.allocateInts("targets", bt);
    rowScale = be.allocate("rowScale", bt);
    Random r = new Random(seed);
    int[] tok = new int[bt];
    int[] tgt = new int[bt];
    for (int i = 0; i < bt; i++) {
      tok[i] = r.nextInt(cfg.vocab());
      tgt[i] = r.nextInt(cfg.vocab());
    }
    be.uploadInts(tokens, tok);
    be.uploadInts(targets, tgt);
    float[] scale = new float[bt];
    Arrays.fill(scale, 1f / bt);
    be.upload(rowScale, scale);
    // Weights uniform with std 0.02; LayerNorm weights 1, biases 0 (GPT-2's initialisation).
    float[] w = new float[Math.toIntExact(params.all.size())];
    float bound = 0.02f * (float) Math.sqrt(3);
    for (int i = 0; i < w.length; i++) {
      w[i] = (2 * r.nextFloat() - 1) * bound;
    }
    be.upload(params.all, w);
    for (Tensor n : params.norms) {
      float[] ones = new float[Math.toIntExact(n.size())];
      Arrays.fill(ones, 1f);
      be.upload(n, ones);
    }
    for (Tensor z : params.biases) {
      be.zero(z);
    }
  }

  /** The parameters' gradients of the last step (one flat buffer, llm.c's order). */
  public Tensor gradients() {
    return grads.all;
  }

  public Tensor parameters() {
    return params.all;
  }

  /** One training step ({@code stepNumber} from 1); returns the mean loss of its forward pass. */
  public double step(int stepNumber) {
    int l = cfg.layers();
    int nh = cfg.heads();
    int hs = cfg.headSize();
    Acts a = acts;
    Params p = params;
    Params g = grads;
    be.zero(g.all);
    be.embeddingForward(a.encoded, tokens, p.wte, bt, c, 0, vp);
    be.positionForward(a.encoded, p.wpe, b, t, c);
    for (int i = 0; i < l; i++) {
      Tensor residual = i == 0 ? a.encoded : a.res3[i - 1];
      be.layerNormForward(a.ln1[i], a.ln1Mean[i], a.ln1Rstd[i], residual, p.ln1w[i], p.ln1b[i], bt, c);
      be.matmulForward(a.qkv[i], a.ln1[i], p.qkvw[i], p.qkvb[i], bt, c, 3 * c);
      be.attentionForward(a.atty[i], a.att[i], a.qkv[i], b, t, nh, hs);
      be.matmulForward(a.tmp, a.atty[i], p.projw[i], p.projb[i], bt, c, c);
      be.add(a.res2[i], residual, a.tmp, (long) bt * c);
      be.layerNormForward(a.ln2[i], a.ln2Mean[i], a.ln2Rstd[i], a.res2[i], p.ln2w[i], p.ln2b[i], bt, c);
      be.matmulForward(a.fch[i], a.ln2[i], p.fcw[i], p.fcb[i], bt, c, 4 * c);
      be.geluForward(a.fchGelu[i], a.fch[i], 4L * bt * c);
      be.matmulForward(a.tmp, a.fchGelu[i], p.fcprojw[i], p.fcprojb[i], bt, 4 * c, c);
      be.add(a.res3[i], a.res2[i], a.tmp, (long) bt * c);
    }
    be.layerNormForward(a.lnf, a.lnfMean, a.lnfRstd, a.res3[l - 1], p.lnfw, p.lnfb, bt, c);
    be.matmulForward(a.logits, a.lnf, p.wte, null, bt, c, vp);
    be.rowMax(a.rowMax, a.logits, bt, vp, cfg.vocab());
    be.rowSumExp(a.sumExp, a.logits, a.rowMax, bt, vp, cfg.vocab());
    be.targetLogit(a.target, a.logits, targets, bt, vp, 0);

    be.crossEntropyBackward(a.dlogits, a.logits, a.rowMax, a.sumExp, targets, rowScale, bt, vp,
        cfg.vocab(), 0);
    be.matmulBackward(a.dln, g.wte, null, a.dlogits, a.lnf, p.wte, bt, c, vp);
    be.zero(a.dresidual);
    be.layerNormBackward(a.dresidual, g.lnfw, g.lnfb, a.dln, a.res3[l - 1], p.lnfw, a.lnfMean,
        a.lnfRstd, bt, c);
    for (int i = l - 1; i >= 0; i--) {
      Tensor residual = i == 0 ? a.encoded : a.res3[i - 1];
      be.matmulBackward(a.dfchGelu, g.fcprojw[i], g.fcprojb[i], a.dresidual, a.fchGelu[i],
          p.fcprojw[i], bt, 4 * c, c);
      be.geluBackward(a.dfch, a.fch[i], a.dfchGelu, 4L * bt * c);
      be.matmulBackward(a.dln, g.fcw[i], g.fcb[i], a.dfch, a.ln2[i], p.fcw[i], bt, c, 4 * c);
      be.layerNormBackward(a.dresidual, g.ln2w[i], g.ln2b[i], a.dln, a.res2[i], p.ln2w[i],
          a.ln2Mean[i], a.ln2Rstd[i], bt, c);
      be.matmulBackward(a.datty, g.projw[i], g.projb[i], a.dresidual, a.atty[i], p.projw[i], bt, c,
          c);
      be.attentionBackward(a.dqkv, a.datty, a.qkv[i], a.att[i], b, t, nh, hs);
      be.matmulBackward(a.dln, g.qkvw[i], g.qkvb[i], a.dqkv, a.ln1[i], p.qkvw[i], bt, c, 3 * c);
      be.layerNormBackward(a.dresidual, g.ln1w[i], g.ln1b[i], a.dln, residual, p.ln1w[i],
          a.ln1Mean[i], a.ln1Rstd[i], bt, c);
    }
    be.positionBackward(g.wpe, a.dresidual, b, t, c);
    be.embeddingBackward(g.wte, a.dresidual, tokens, bt, c, 0, vp);
    double norm = Math.sqrt(be.sumOfSquares(g.all, g.all.size()));
    double clip = norm > 1.0 ? 1.0 / norm : 1.0;
    be.adamW(p.all, g.all, m, v, p.all.size(), 6e-4, 0.9, 0.95, 1e-8, 0.0, stepNumber, clip);

    float[] max = be.downloadFloats(a.rowMax);
    float[] sum = be.downloadFloats(a.sumExp);
    float[] tl = be.downloadFloats(a.target);
    double loss = 0;
    for (int i = 0; i < bt; i++) {
      loss += max[i] + Math.log(sum[i]) - tl[i];
    }
    return loss / bt;
  }
}
