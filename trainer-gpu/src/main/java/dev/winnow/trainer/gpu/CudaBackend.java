package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.CudaCheck.check;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.IntTensor;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.gpu.GemmKernels.Tile;
import dev.winnow.trainer.gpu.GemmKernels.Triangle;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The {@link Backend} on one CUDA GPU: fp32 tensors in a {@link DeviceArena}, this build's
 * kernels ({@code src/main/cuda}) launched through the driver API on the default stream, so all
 * work runs in issue order. {@link Precision#FP32} multiplies with the fp32 SIMT GEMM;
 * {@link Precision#BF16} packs both operands of every matrix product to bf16 (row-padded to 8
 * elements) and multiplies on the tensor cores with fp32 accumulation. Everything else is fp32
 * in both modes.
 *
 * <p>BF16 keeps the bf16 copy of a product's operand per tensor ({@link DerivedBuffers}: written
 * by the kernel that produced the tensor, or packed on first use) until a call of this backend
 * writes an overlapping range. A write into one of its tensors by anything else (a collective
 * of the trainer's communication layer, say) must be reported with {@link #externallyWritten}.
 * {@code -Dwinnow.gpu.fuse=false} turns this and the other fused paths off.
 *
 * <p>Not deterministic bit for bit: the embedding, bias and LayerNorm parameter gradients add
 * with atomics.
 */
public final class CudaBackend implements Backend {
  private static final int THREADS = 256;
  /**
   * The tile of attention's score products (Q·Kᵀ, dout·Vᵀ: K = head size, causal): 128×128
   * (H100, GPT-2 124M: 58.1 ms per step against 60.0-60.3 with pickTile's 128×256: fewer tiles
   * wasted above the diagonal, two blocks per SM). {@code -Dwinnow.gpu.scoresTile=LARGE}
   * overrides; with {@code winnow.gpu.fuse=false} pickTile chooses.
   */
  private static final Tile SCORES_TILE =
      Tile.valueOf(System.getProperty("winnow.gpu.scoresTile", "SMALL"));

  private final Precision precision;
  private final CudaDevice device;
  private final DeviceArena arena;
  private final ScratchBuffers scratch;
  private final DerivedBuffers derived;
  /**
   * {@code -Dwinnow.gpu.fuse=false}: the backend as first measured (every product packs its fp32
   * operands into shared scratch, separate cross-entropy passes), for before/after comparisons.
   * Default true: bf16 twins kept per tensor and written by their producers, fused passes.
   */
  private final boolean fuse = Boolean.parseBoolean(System.getProperty("winnow.gpu.fuse", "true"));
  private final GemmKernels gemm;
  /**
   * The Hopper wgmma GEMM (about 1.8× the mma.sync kernels at large sizes), or null where it
   * cannot run (not compute capability 9.0) or {@code -Dwinnow.gpu.wgmma=false} asks for the
   * mma.sync kernels alone (before/after comparisons in one run).
   */
  private final WgmmaGemm wgmma;
  /**
   * Attention through {@link FlashAttention} (log-sum-exps kept, probabilities recomputed in the
   * backward pass) for BF16 and the head sizes it has kernels for: the default since it measured
   * 14% faster per GPT-2 124M step on the H100 (same run); {@code -Dwinnow.gpu.flash=false}
   * keeps the probabilities instead.
   */
  private final boolean flash;
  private final FlashAttention flashAttention;
  /** {@code -Dwinnow.gpu.weightGradSplits}: 0 (the rule of {@link #weightGradSplits}) or S. */
  private final int forcedWeightGradSplits = forcedSplits();
  private final Map<String, CUmodule> modules = new HashMap<>();
  private final Map<String, CUfunction> functions = new HashMap<>();
  private final int maxGrid;

  /**
   * Opens GPU 0 with an arena of {@code arenaBytes} (≤ 0: system property {@code
   * winnow.gpu.arenaBytes}, else 60% of the free device memory).
   */
  public CudaBackend(Precision precision, long arenaBytes) {
    this(precision, arenaBytes,
        Boolean.parseBoolean(System.getProperty("winnow.gpu.flash", "true")));
  }

  /** As {@link #CudaBackend(Precision, long)}, with flash attention on or off. */
  public CudaBackend(Precision precision, long arenaBytes, boolean flash) {
    if (precision == Precision.FP64) {
      throw new IllegalArgumentException("the GPU backend runs FP32 or BF16, not FP64");
    }
    this.precision = precision;
    device = new CudaDevice(0);
    long bytes = arenaBytes > 0 ? arenaBytes
        : Long.getLong("winnow.gpu.arenaBytes", (long) (device.freeMemory() * 0.6));
    arena = new DeviceArena(bytes);
    scratch = new ScratchBuffers(arena);
    derived = new DerivedBuffers(arena);
    gemm = new GemmKernels(device);
    wgmma = Boolean.parseBoolean(System.getProperty("winnow.gpu.wgmma", "true"))
        && WgmmaGemm.unsupportedReason(device) == null ? new WgmmaGemm(device) : null;
    maxGrid = device.multiprocessors() * 16;
    this.flash = flash;
    flashAttention = new FlashAttention(this, device);
  }

  public CudaDevice device() {
    return device;
  }

  public DeviceArena arena() {
    return arena;
  }

  /**
   * Reports that {@code tensor} was written by something other than this backend's calls (a
   * collective, a copy through another API): bf16 copies and other data derived from it are
   * dropped, so the next product re-reads it.
   */
  public void externallyWritten(Tensor tensor) {
    CudaTensor c = t(tensor);
    derived.written(c, c.size());
  }

  @Override
  public String name() {
    return "cuda(" + device.name() + ", " + precision + (flash ? ", flash attention" : "")
        + (wgmma != null ? ", wgmma " + wgmma.policy().setting() : "")
        + (forcedWeightGradSplits > 0 ? ", weight gradients split " + forcedWeightGradSplits
            : "") + ")";
  }

  @Override
  public Precision precision() {
    return precision;
  }

  // ---- memory ----

  @Override
  public Tensor allocate(String name, long size) {
    long offset = arena.allocate(name, size * Float.BYTES);
    CudaTensor t = new CudaTensor(name, arena.pointer(offset), size, offset);
    zero(t);
    return t;
  }

  @Override
  public IntTensor allocateInts(String name, int size) {
    device.bind();
    CUdeviceptr p = arena.pointer(arena.allocate(name, (long) size * Integer.BYTES));
    check("cuMemsetD32(" + name + ")", JCudaDriver.cuMemsetD32(p, 0, size));
    return new CudaIntTensor(name, p, size);
  }

  @Override
  public void upload(Tensor dst, double[] src) {
    float[] f = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      f[i] = (float) src[i];
    }
    upload(dst, f);
  }

  @Override
  public void upload(Tensor dst, float[] src) {
    device.bind();
    CudaTensor t = t(dst);
    requireLength(t, src.length);
    derived.written(t, t.size());
    check("cuMemcpyHtoD(" + t.name() + ")",
        JCudaDriver.cuMemcpyHtoD(t.pointer(), Pointer.to(src), (long) src.length * Sizeof.FLOAT));
  }

  @Override
  public void uploadInts(IntTensor dst, int[] src) {
    device.bind();
    CudaIntTensor t = (CudaIntTensor) dst;
    if (src.length != t.size()) {
      throw new IllegalArgumentException(t.name() + " holds " + t.size() + " ints, got " + src.length);
    }
    check("cuMemcpyHtoD(" + t.name() + ")",
        JCudaDriver.cuMemcpyHtoD(t.pointer(), Pointer.to(src), (long) src.length * Sizeof.INT));
  }

  @Override
  public double[] download(Tensor src) {
    float[] f = downloadFloats(src);
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  @Override
  public float[] downloadFloats(Tensor src) {
    device.bind();
    CudaTensor t = t(src);
    float[] f = new float[Math.toIntExact(t.size())];
    check("cuMemcpyDtoH(" + t.name() + ")",
        JCudaDriver.cuMemcpyDtoH(Pointer.to(f), t.pointer(), (long) f.length * Sizeof.FLOAT));
    return f;
  }

  @Override
  public void zero(Tensor tensor) {
    device.bind();
    CudaTensor t = t(tensor);
    derived.written(t, t.size());
    check("cuMemsetD32(" + t.name() + ")", JCudaDriver.cuMemsetD32(t.pointer(), 0, t.size()));
  }

  @Override
  public void copy(Tensor dst, long dstOffset, Tensor src, long srcOffset, long n) {
    device.bind();
    CudaTensor d = t(dst);
    CudaTensor s = t(src);
    requireRange(d, dstOffset, n);
    requireRange(s, srcOffset, n);
    derived.written(d, dstOffset, n);
    check("cuMemcpyDtoD(" + s.name() + " -> " + d.name() + ")",
        JCudaDriver.cuMemcpyDtoD(d.at(dstOffset), s.at(srcOffset), n * Sizeof.FLOAT));
  }

  @Override
  public void add(Tensor out, Tensor a, Tensor b, long n) {
    elementwise("elementwise", "add_kernel", n, out(out, n), t(a, n), t(b, n), n);
  }

  @Override
  public void accumulate(Tensor dst, Tensor src, long n) {
    elementwise("elementwise", "accumulate_kernel", n, out(dst, n), t(src, n), n);
  }

  @Override
  public void scale(Tensor tensor, double factor, long n) {
    elementwise("elementwise", "scale_kernel", n, out(tensor, n), (float) factor, n);
  }

  // ---- embeddings ----

  @Override
  public void embeddingForward(Tensor out, IntTensor tokens, Tensor wte, int n, int c,
      int vocabStart, int vocabLocal) {
    long nc = (long) n * c;
    elementwise("embedding", "embedding_forward", nc, out(out, nc), ints(tokens, n),
        t(wte, (long) vocabLocal * c), n, c, vocabStart, vocabLocal);
  }

  @Override
  public void embeddingBackward(Tensor dwte, Tensor dout, IntTensor tokens, int n, int c,
      int vocabStart, int vocabLocal) {
    long nc = (long) n * c;
    elementwise("embedding", "embedding_backward", nc, out(dwte, (long) vocabLocal * c), t(dout, nc),
        ints(tokens, n), n, c, vocabStart, vocabLocal);
  }

  @Override
  public void positionForward(Tensor out, Tensor wpe, int b, int t, int c) {
    long btc = (long) b * t * c;
    elementwise("embedding", "position_forward", btc, out(out, btc), t(wpe, (long) t * c), b, t, c);
  }

  @Override
  public void positionBackward(Tensor dwpe, Tensor dout, int b, int t, int c) {
    long tc = (long) t * c;
    columnSumAdd(out(dwpe, tc), t(dout, b * tc), b, Math.toIntExact(tc));
  }

  /**
   * {@code out[c] += Σ_rows x[n][c]} in a fixed order: up to 64 row slices of at least 128 rows,
   * summed per slice by {@code column_sum_slices}, then the slices in order. (One thread per
   * column took 0.45 ms for a bias gradient over 8192 rows on the H100.)
   */
  private void columnSumAdd(CudaTensor out, CudaTensor x, int n, int c) {
    if (n <= 0 || c <= 0) {
      return;
    }
    int slices = Math.min(64, ceil(n, 128));
    int rows = ceil(n, slices);
    if (slices == 1) {
      launch("embedding", "column_sum_slices", ceil(c, 32), 1, 32, 8, out, x, n, c, rows);
      return;
    }
    CUdeviceptr parts = scratch.get("column.sums", (long) slices * c * Float.BYTES);
    launch("embedding", "column_sum_slices", ceil(c, 32), slices, 32, 8, parts, x, n, c, rows);
    elementwise("elementwise", "sum_partials_add", c, out, parts, slices, (long) c);
  }

  // ---- layer norm ----

  @Override
  public void layerNormForward(Tensor out, Tensor mean, Tensor rstd, Tensor inp, Tensor weight,
      Tensor bias, int n, int c) {
    long nc = (long) n * c;
    CudaTensor o = out(out, nc);
    CudaTensor mu = out(mean, n);
    CudaTensor rs = out(rstd, n);
    CudaTensor x = t(inp, nc);
    CudaTensor w = t(weight, c);
    CudaTensor bi = t(bias, c);
    launch("layernorm", layerNormV4(c, o, x, w, bi) ? "layernorm_forward_v4" : "layernorm_forward",
        warpRowsGrid(n), 1, THREADS, 1, o, producedTwin(o, nc, c), mu, rs, x, w, bi, n, c);
  }

  @Override
  public void layerNormBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout,
      Tensor inp, Tensor weight, Tensor mean, Tensor rstd, int n, int c) {
    long nc = (long) n * c;
    CudaTensor dx = out(dinp, nc);
    CudaTensor dw = out(dweight, c);
    CudaTensor db = out(dbias, c);
    CudaTensor dy = t(dout, nc);
    CudaTensor x = t(inp, nc);
    CudaTensor w = t(weight, c);
    if (layerNormV4(c, dx, dy, x, w)) {
      // also writes the bf16 twin of the updated dinp (the residual gradient the next product
      // reads)
      launch("layernorm", "layernorm_backward_input_v4", warpRowsGrid(n), 1, THREADS, 1, dx,
          producedTwin(dx, nc, c), dy, x, w, t(mean, n), t(rstd, n), n, c);
    } else {
      launch("layernorm", "layernorm_backward_input", warpRowsGrid(n), 1, THREADS, 1, dx, dy, x, w,
          t(mean, n), t(rstd, n), n, c);
    }
    int rows = rowsPerColumnBlock(n);
    launch("layernorm", "layernorm_backward_params", ceil(c, 32), ceil(n, rows), 32, 8, dw, db, dy,
        x, t(mean, n), t(rstd, n), n, c, rows);
  }

  // ---- linear layers ----

  @Override
  public void matmulForward(Tensor out, Tensor inp, Tensor weight, Tensor bias, int n, int c,
      int oc) {
    CudaTensor o = out(out, (long) n * oc);
    GemmOperand x = operand("gemm.inp", t(inp, (long) n * c), n, c);
    GemmOperand w = operand("gemm.weight", t(weight, (long) oc * c), oc, c);
    gemm(GemmLayout.NT, n, oc, c, x, w, GemmOperand.of(o.pointer(), oc),
        bias == null ? null : t(bias, oc), 0f, 1, 1, Triangle.NONE, tensorCores());
  }

  @Override
  public void matmulBackward(Tensor dinp, Tensor dweight, Tensor dbias, Tensor dout, Tensor inp,
      Tensor weight, int n, int c, int oc) {
    CudaTensor dyTensor = t(dout, (long) n * oc);
    CudaTensor dx = dinp == null ? null : out(dinp, (long) n * c);
    CudaTensor dw = out(dweight, (long) oc * c);
    CudaTensor db = dbias == null ? null : out(dbias, oc);
    GemmOperand dy = operand("gemm.dout", dyTensor, n, oc);  // packed once, used twice
    boolean tc = tensorCores();
    if (dinp != null) {
      // dinp[n][c] = dout[n][oc] · W[oc][c]
      GemmOperand w = operand("gemm.weight", t(weight, (long) oc * c), oc, c);
      int splits = tc && fuse ? inputGradSplits(n, c, oc) : 1;
      if (splits == 1) {
        gemm(GemmLayout.NN, n, c, oc, dy, w, GemmOperand.of(dx.pointer(), c), null,
            0f, 1, 1, Triangle.NONE, tc);
      } else {
        // split-K over the (long) oc dimension into partial products, then summed into dinp
        int kc = oc / splits;
        long outs = (long) n * c;
        CUdeviceptr parts = scratch.get("gemm.dinp.partials", splits * outs * Float.BYTES);
        tensorCoreGemm(GemmLayout.NN, gemm.pickTile(n, c, splits), n, c, kc,
            new GemmOperand(dy.base(), dy.offset(), dy.ld(), kc, 0),
            new GemmOperand(w.base(), w.offset(), w.ld(), (long) kc * w.ld(), 0),
            new GemmOperand(parts, 0, c, outs, 0), null, 0f, splits, 1, Triangle.NONE);
        elementwise("elementwise", "sum_partials_write", outs, dx, parts, splits, outs);
      }
    }
    // dW[oc][c] += dout[n][oc]ᵀ · inp[n][c]
    GemmOperand x = operand("gemm.inp", t(inp, (long) n * c), n, c);
    int splits = tc && fuse ? weightGradSplits(oc, c, n) : 1;
    if (splits == 1) {
      gemm(GemmLayout.TN, oc, c, n, dy, x, GemmOperand.of(dw.pointer(), c),
          null, 1f, 1, 1, Triangle.NONE, tc);
    } else {
      // split-K: too few output tiles to fill the GPU; each batch entry multiplies n / splits
      // rows into its own partial product, then one pass adds them to dW in a fixed order
      int kc = n / splits;
      long outs = (long) oc * c;
      CUdeviceptr parts = scratch.get("gemm.dw.partials", splits * outs * Float.BYTES);
      tensorCoreGemm(GemmLayout.TN, Tile.SMALL, oc, c, kc,
          new GemmOperand(dy.base(), dy.offset(), dy.ld(), (long) kc * dy.ld(), 0),
          new GemmOperand(x.base(), x.offset(), x.ld(), (long) kc * x.ld(), 0),
          new GemmOperand(parts, 0, c, outs, 0), null, 0f, splits, 1, Triangle.NONE);
      elementwise("elementwise", "sum_partials_add", outs, dw, parts, splits, outs);
    }
    if (dbias != null) {
      columnSumAdd(db, dyTensor, n, oc);
    }
  }

  /**
   * Split-K factor for a weight gradient {@code [oc][c]} summed over {@code n} rows, in row
   * chunks that stay multiples of 64 of at least 512 rows: {@code
   * -Dwinnow.gpu.weightGradSplits=S} (1, 2, 4 or 8, for measurements; 1 where n is not a
   * multiple of 64·S); on the wgmma kernel {@link #splitsFillingWaves} over its 128×256 tiles;
   * on the mma.sync kernel, only when its 128×128 tiles are fewer than the multiprocessors,
   * doubled (up to 8) while they give fewer than two blocks per multiprocessor (H100, GPT-2 124M,
   * mma.sync: 36 tiles split 8 and 108 split 4 gained; 144 tiles split 2 lost 0.14 ms per
   * product).
   */
  private int weightGradSplits(int oc, int c, int n) {
    if (forcedWeightGradSplits > 0) {
      return n % (64 * forcedWeightGradSplits) == 0 ? forcedWeightGradSplits : 1;
    }
    int most = 1;
    while (most < 8 && n % (64 * most * 2) == 0 && n / (most * 2) >= 512) {
      most *= 2;
    }
    int sms = device.multiprocessors();
    if (wgmma != null) {
      return splitsFillingWaves(WgmmaSchedule.COOPERATIVE.tiles(oc, c, 1), sms, most);
    }
    long tiles = (long) ceil(oc, Tile.SMALL.bm) * ceil(c, Tile.SMALL.bn);
    int s = 1;
    while (tiles < sms && s < most && tiles * s < 2L * sms) {
      s *= 2;
    }
    return s;
  }

  /**
   * The split factor (1, 2, 4, …, {@code most}) for a product of {@code tiles} output tiles on
   * {@code sms} multiprocessors: 1 when the tiles fill the GPU already; else the smallest factor
   * whose blocks fill their waves at least 70% ({@code tiles·s / (⌈tiles·s / sms⌉·sms)}), or
   * failing that the one that fills them best (the smaller on ties). Each doubling adds a pass
   * over the partial products, so fuller waves beyond 70% did not pay. Measured on the H100 with
   * GPT-2 124M (8192 rows, 128×256 tiles), the layer's whole backward product in ms per step of
   * 12 layers for factors 1/2/4/8: weight 2304×768 (54 tiles) 3.60/2.72/2.85/3.12, picked 2;
   * 3072×768 (72) 3.97/4.02/3.78/3.89, picked 4; 768×768 (18) 2.60/1.54/1.13/1.18, picked 4
   * (docs/benchmarks.md, 2026-11-27).
   */
  static int splitsFillingWaves(long tiles, int sms, int most) {
    if (tiles >= sms) {
      return 1;
    }
    int best = 1;
    double bestFill = 0;
    for (int s = 1; s <= most; s *= 2) {
      long blocks = tiles * s;
      double fill = (double) blocks / (ceil(blocks, sms) * sms);
      if (fill >= 0.7) {
        return s;
      }
      if (fill > bestFill + 1e-9) {
        best = s;
        bestFill = fill;
      }
    }
    return best;
  }

  /**
   * Split-K factor (1 or 2) for an input gradient {@code [n][c] = dout[n][oc] · W[oc][c]} with a
   * long reduction (the vocabulary, {@code oc} ≥ 8192): 2 when the doubled block count fills
   * the last wave of 128×256 tiles at least 15% better (H100, GPT-2 124M's lm head: 192 tiles,
   * 73% → 97%); the partial products cost 3 passes over [n][c], small against such a product.
   */
  private int inputGradSplits(int n, int c, int oc) {
    if (oc < 8192 || oc % 64 != 0) {
      return 1;
    }
    int sms = device.multiprocessors();
    long tiles = (long) ceil(n, Tile.LARGE.bm) * ceil(c, Tile.LARGE.bn);
    double eff1 = (double) tiles / (ceil(tiles, sms) * sms);
    double eff2 = (double) (2 * tiles) / (ceil(2 * tiles, sms) * sms);
    return eff2 >= 1.15 * eff1 ? 2 : 1;
  }

  private static int forcedSplits() {
    String v = System.getProperty("winnow.gpu.weightGradSplits", "auto");
    if (v.equals("auto")) {
      return 0;
    }
    return switch (v) {
      case "1", "2", "4", "8" -> Integer.parseInt(v);
      default -> throw new IllegalArgumentException("winnow.gpu.weightGradSplits = '" + v
          + "': expected auto, 1, 2, 4 or 8");
    };
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  private boolean tensorCores() {
    return precision == Precision.BF16;
  }

  /** A dense row-major fp32 matrix as an operand: itself, or its bf16 pack for tensor cores. */
  private GemmOperand operand(String scratchName, CudaTensor m, int rows, int cols) {
    return operand(scratchName, m, rows, cols, tensorCores());
  }

  /**
   * A dense row-major fp32 matrix as an operand: itself (fp32 kernel), or its bf16 twin (kept
   * while the tensor is unchanged; packed here if it has none), or with {@code
   * -Dwinnow.gpu.fuse=false} a pack into scratch {@code scratchName}.
   */
  private GemmOperand operand(String scratchName, CudaTensor m, int rows, int cols,
      boolean tensorCores) {
    if (!tensorCores || !fuse) {
      return operand(scratchName, m.pointer(), rows, cols, tensorCores);
    }
    long elements = (long) rows * cols;
    long kind = twinKind(cols);
    int ld = roundUp8(cols);
    CUdeviceptr twin = derived.get(m, elements, kind);
    if (twin == null) {
      twin = derived.fresh(m, elements, kind, (long) rows * ld * 2);
      launch("gemm_bf16", "pack_bf16", Math.min(rows, maxGrid), 1, 128, 1, twin, m.pointer(), rows,
          cols, (long) cols, ld);
    }
    return GemmOperand.of(twin, ld);
  }

  /** Twin key: 0 for rows whose length is a multiple of 8 (no padding), else the row length. */
  private static long twinKind(int cols) {
    return cols % 8 == 0 ? 0 : cols;
  }

  /**
   * The buffer for the bf16 twin of {@code elements} of {@code t} (rows of {@code cols}, a
   * multiple of 8) that the caller's kernel writes with {@code t}, or null (no twin: FP32, {@code
   * fuse} off, or rows that would need padding). Call after reporting the call's writes.
   */
  private CUdeviceptr producedTwin(CudaTensor t, long elements, int cols) {
    if (!tensorCores() || !fuse || cols % 8 != 0) {
      return null;
    }
    return derived.fresh(t, elements, 0, elements * 2);
  }

  private GemmOperand operand(String scratchName, CUdeviceptr m, int rows, int cols,
      boolean tensorCores) {
    return tensorCores ? pack(scratchName, m, rows, cols) : GemmOperand.of(m, cols);
  }

  /**
   * {@code C = A·B + beta·C (+ bias)} on the tensor cores (operands from {@link #pack}) or the
   * fp32 SIMT kernel (fp32 operands).
   */
  private void gemm(GemmLayout layout, int m, int n, int k, GemmOperand a, GemmOperand b,
      GemmOperand c, CudaTensor bias, float beta, int batches, int inner, Triangle triangle,
      boolean tensorCores) {
    if (tensorCores) {
      Tile tile = triangle == Triangle.OUTPUT_LOWER && fuse ? SCORES_TILE
          : gemm.pickTile(m, n, batches);
      tensorCoreGemm(layout, tile, m, n, k, a, b, c, bias, beta, batches, inner, triangle);
    } else {
      gemm.fp32(layout, m, n, k, a, b, c, bias, 1f, beta, batches, inner, triangle);
    }
  }

  /**
   * A bf16 product on the wgmma kernel where it applies, else on the mma.sync {@code tile}. The
   * wgmma kernel's only shortcut is skipping output tiles above the diagonal, so products that
   * rely on A's zero triangle (attention's probabilities times values, whose masked entries are
   * not guaranteed to be written) and the narrow head-size products stay on mma.sync.
   */
  private void tensorCoreGemm(GemmLayout layout, Tile tile, int m, int n, int k, GemmOperand a,
      GemmOperand b, GemmOperand c, CudaTensor bias, float beta, int batches, int inner,
      Triangle triangle) {
    boolean wgmmaFits = wgmma != null && tile != Tile.NARROW && k >= 1
        && (triangle == Triangle.NONE || triangle == Triangle.OUTPUT_LOWER);
    if (wgmmaFits) {
      wgmma.gemm(layout, m, n, k, a, b, c, bias, 1f, beta, batches, inner,
          triangle == Triangle.OUTPUT_LOWER);
    } else {
      gemm.bf16(layout, tile, m, n, k, a, b, c, bias, 1f, beta, batches, inner, triangle);
    }
  }

  /** fp32 {@code rows × cols} (dense) → bf16 in scratch {@code name}, rows padded to 8. */
  GemmOperand pack(String name, CUdeviceptr src, int rows, int cols) {
    int ld = roundUp8(cols);
    CUdeviceptr dst = scratch.get(name, (long) rows * ld * 2);
    launch("gemm_bf16", "pack_bf16", Math.min(rows, maxGrid), 1, 128, 1, dst, src, rows, cols,
        (long) cols, ld);
    return GemmOperand.of(dst, ld);
  }

  // ---- attention ----
  // Per (batch, head) products on the GEMM kernels, batched over B·NH with the head index as
  // the inner batch index, skipping what the causal mask makes zero or unwanted; the softmax
  // between them is its own kernel, which in BF16 mode also writes the bf16 copy the next
  // products read. Other fp32 inputs are packed once per call. Head sizes that are not a
  // multiple of 8 (bf16 heads not 16-byte aligned) run on the fp32 kernel.

  @Override
  public AttentionState attentionState(int hs) {
    return flash && tensorCores() && FlashAttention.supports(hs) ? AttentionState.LOG_SUM_EXP
        : AttentionState.PROBABILITIES;
  }

  @Override
  public void attentionForward(Tensor out, Tensor att, Tensor qkv, int b, int t, int nh, int hs) {
    int c = nh * hs;
    int bt = b * t;
    int rows = b * nh * t;
    if (attentionState(hs) == AttentionState.LOG_SUM_EXP) {
      GemmOperand qkv16 = operand("attn.qkv", t(qkv, 3L * bt * c), bt, 3 * c, true);
      CudaTensor o = out(out, (long) bt * c);
      CudaTensor lse = out(att, rows);
      flashAttention.forward(o, producedTwin(o, (long) bt * c, c), lse, qkv16, b, t, nh, hs);
      return;
    }
    boolean tc = tensorCores() && hs % 8 == 0;
    CudaTensor a = out(att, (long) rows * t);
    CudaTensor outT = out(out, (long) bt * c);
    Heads q = Heads.of(operand("attn.qkv", t(qkv, 3L * bt * c), bt, 3 * c, tc), t, c, hs);
    Heads o = Heads.of(GemmOperand.of(outT.pointer(), c), t, c, hs);
    CUdeviceptr preatt = scratch.get("attn.scores", (long) rows * t * Float.BYTES);
    // preatt = Q·Kᵀ (t2 ≤ t only), att = softmax(preatt / √HS), out = att·V
    gemm(GemmLayout.NT, t, t, hs, q.part(0), q.part(1), scores(GemmOperand.of(preatt, t), nh, t),
        null, 0f, b * nh, nh, Triangle.OUTPUT_LOWER, tc);
    // BF16: the softmax writes the probabilities' bf16 twin, kept for the backward pass
    GemmOperand probs = !tc ? GemmOperand.of(a.pointer(), t)
        : fuse ? GemmOperand.of(derived.fresh(a, (long) rows * t, twinKind(t),
            (long) rows * roundUp8(t) * 2), roundUp8(t))
        : bf16Rows("attn.probs16", rows, t);
    float scale = (float) (1.0 / Math.sqrt(hs));
    if (softmaxV4(t)) {
      launch("attention", "softmax_causal_forward_v4", warpRowsGrid(rows), 1, THREADS, 1, a,
          tc ? probs.base() : null, preatt, rows, t, scale);
    } else {
      launch("attention", "softmax_causal_forward", warpRowsGrid(rows), 1, THREADS, 1, a,
          tc ? probs.base() : null, probs.ld(), preatt, rows, t, scale);
    }
    gemm(GemmLayout.NN, t, hs, t, scores(probs, nh, t), q.part(2), o.part(0), null, 0f, b * nh, nh,
        Triangle.A_LOWER, tc);
  }

  @Override
  public void attentionBackward(Tensor dqkv, Tensor dout, Tensor qkv, Tensor out, Tensor att,
      int b, int t, int nh, int hs) {
    int c = nh * hs;
    int bt = b * t;
    int rows = b * nh * t;
    int batches = b * nh;
    if (attentionState(hs) == AttentionState.LOG_SUM_EXP) {
      CudaTensor dy = t(dout, (long) bt * c);
      GemmOperand qkv16 = operand("attn.qkv", t(qkv, 3L * bt * c), bt, 3 * c, true);
      GemmOperand dy16 = operand("attn.dout", dy, bt, c, true);
      CudaTensor d = out(dqkv, 3L * bt * c);
      CUdeviceptr rowdot = scratch.get("attn.rowdot", (long) rows * Float.BYTES);
      flashAttention.backward(d, producedTwin(d, 3L * bt * c, 3 * c), qkv16, dy16, dy,
          t(out, (long) bt * c), t(att, rows), rowdot, b, t, nh, hs);
      return;
    }
    boolean tc = tensorCores() && hs % 8 == 0;
    CudaTensor a = t(att, (long) rows * t);
    Heads dq = Heads.of(GemmOperand.of(out(dqkv, 3L * bt * c).pointer(), 3 * c), t, c, hs);
    Heads q = Heads.of(operand("attn.qkv", t(qkv, 3L * bt * c), bt, 3 * c, tc), t, c, hs);
    Heads dy = Heads.of(operand("attn.dout", t(dout, (long) bt * c), bt, c, tc), t, c, hs);
    CUdeviceptr datt = scratch.get("attn.scores", (long) rows * t * Float.BYTES);
    GemmOperand probs = operand("attn.probs16", a, rows, t, tc);
    // datt = dout·Vᵀ (t2 ≤ t only); dV = attᵀ·dout; dpreatt = softmax'(datt); dQ = dpreatt·K;
    // dK = dpreattᵀ·Q
    gemm(GemmLayout.NT, t, t, hs, dy.part(0), q.part(2), scores(GemmOperand.of(datt, t), nh, t),
        null, 0f, batches, nh, Triangle.OUTPUT_LOWER, tc);
    gemm(GemmLayout.TN, t, hs, t, scores(probs, nh, t), dy.part(0), dq.part(2), null, 0f, batches,
        nh, Triangle.A_UPPER, tc);
    // FP32: dpreatt in place of datt. BF16: only its bf16 copy, in the probabilities' buffer
    // (the dV product that reads them is queued before).
    // (fuse: in its own scratch, the probabilities' twin stays valid)
    GemmOperand dpre = !tc ? GemmOperand.of(datt, t)
        : fuse ? bf16Rows("attn.dpre16", rows, t) : probs;
    float scale = (float) (1.0 / Math.sqrt(hs));
    if (softmaxV4(t)) {
      launch("attention", "softmax_causal_backward_v4", warpRowsGrid(rows), 1, THREADS, 1,
          tc ? null : datt, tc ? dpre.base() : null, datt, a, rows, t, scale);
    } else {
      launch("attention", "softmax_causal_backward", warpRowsGrid(rows), 1, THREADS, 1,
          tc ? null : datt, tc ? dpre.base() : null, dpre.ld(), datt, a, rows, t, scale);
    }
    gemm(GemmLayout.NN, t, hs, t, scores(dpre, nh, t), q.part(1), dq.part(0), null, 0f, batches, nh,
        Triangle.A_LOWER, tc);
    gemm(GemmLayout.TN, t, hs, t, scores(dpre, nh, t), q.part(0), dq.part(1), null, 0f, batches, nh,
        Triangle.A_UPPER, tc);
  }

  /**
   * The softmax kernels that keep a row in registers: T a multiple of 8 (float4 rows, bf16 rows
   * without padding) and at most 1024 (32 values per lane).
   */
  private boolean softmaxV4(int t) {
    return fuse && t % 8 == 0 && t <= 1024;
  }

  /** A scratch bf16 matrix of {@code rows} rows padded to a multiple of 8 (written by a kernel). */
  private GemmOperand bf16Rows(String name, int rows, int cols) {
    int ld = roundUp8(cols);
    return GemmOperand.of(scratch.get(name, (long) rows * ld * 2), ld);
  }

  /**
   * Rows of [B][T][parts·C] (qkv with 3 parts, out and dout with 1; fp32 or packed bf16, row
   * length {@code ld}) seen as per-(batch, head) [T][HS] matrices: {@code part(i)} is part i
   * (Q, K, V) of every batch entry.
   */
  private record Heads(CUdeviceptr base, int ld, int t, int c, int hs) {
    static Heads of(GemmOperand rows, int t, int c, int hs) {
      return new Heads(rows.base(), rows.ld(), t, c, hs);
    }

    GemmOperand part(int i) {
      return new GemmOperand(base, (long) i * c, ld, (long) t * ld, hs);
    }
  }

  /** [B][NH][T][T] score rows (row length {@code rows.ld()}) as per-(batch, head) [T][T]. */
  private static GemmOperand scores(GemmOperand rows, int nh, int t) {
    long perHead = (long) t * rows.ld();
    return new GemmOperand(rows.base(), 0, rows.ld(), nh * perHead, perHead);
  }

  // ---- activations ----

  @Override
  public void geluForward(Tensor out, Tensor inp, long n) {
    CudaTensor o = out(out, n);
    CudaTensor x = t(inp, n);
    if (fuse && n % 4 == 0 && aligned16(o, x)) {
      elementwise("elementwise", "gelu_forward_v4", n / 4, o, producedTwin(o, n, 8), x, n / 4);
    } else {
      elementwise("elementwise", "gelu_forward", n, o, producedTwin(o, n, 8), x, n);
    }
  }

  @Override
  public void geluBackward(Tensor dinp, Tensor inp, Tensor dout, long n) {
    CudaTensor d = out(dinp, n);
    CudaTensor x = t(inp, n);
    CudaTensor dy = t(dout, n);
    if (fuse && n % 4 == 0 && aligned16(d, x, dy)) {
      elementwise("elementwise", "gelu_backward_v4", n / 4, d, producedTwin(d, n, 8), x, dy, n / 4);
    } else {
      elementwise("elementwise", "gelu_backward", n, d, producedTwin(d, n, 8), x, dy, n);
    }
  }

  // ---- cross-entropy ----

  @Override
  public void rowMax(Tensor max, Tensor logits, int n, int vLocal, int validLocal) {
    CudaTensor mx = out(max, n);
    CudaTensor l = t(logits, (long) n * vLocal);
    if (fuse) {
      // the sums of exponentials in the same pass, kept for rowSumExp while the logits stand
      CUdeviceptr stash = derived.fresh(l, (long) n * vLocal, -1L - validLocal, 2L * n * Float.BYTES);
      launch("cross_entropy", "row_max_stash", n, 1, THREADS, 1, mx, stash, l, n, vLocal,
          validLocal);
    } else {
      launch("cross_entropy", "row_max", n, 1, THREADS, 1, mx, l, n, vLocal, validLocal);
    }
  }

  @Override
  public void rowSumExp(Tensor sumExp, Tensor logits, Tensor max, int n, int vLocal,
      int validLocal) {
    CudaTensor se = out(sumExp, n);
    CudaTensor l = t(logits, (long) n * vLocal);
    CUdeviceptr stash = fuse ? derived.get(l, (long) n * vLocal, -1L - validLocal) : null;
    if (stash != null) {
      elementwise("cross_entropy", "row_sum_exp_stash", n, se, stash, t(max, n), n);
    } else {
      launch("cross_entropy", "row_sum_exp", n, 1, THREADS, 1, se, l, t(max, n), n, vLocal,
          validLocal);
    }
  }

  @Override
  public void targetLogit(Tensor out, Tensor logits, IntTensor targets, int n, int vLocal,
      int vocabStart) {
    elementwise("cross_entropy", "target_logit", n, out(out, n), t(logits, (long) n * vLocal),
        ints(targets, n), n, vLocal, vocabStart);
  }

  @Override
  public void crossEntropyBackward(Tensor dlogits, Tensor logits, Tensor max, Tensor sumExp,
      IntTensor targets, Tensor rowScale, int n, int vLocal, int validLocal, int vocabStart) {
    long nv = (long) n * vLocal;
    CudaTensor d = out(dlogits, nv);
    CudaTensor l = t(logits, nv);
    boolean v4 = fuse && vLocal % 4 == 0 && aligned16(d, l);
    launch("cross_entropy", v4 ? "cross_entropy_backward_v4" : "cross_entropy_backward", n,
        ceil(v4 ? ceil(vLocal, 4) : vLocal, THREADS), THREADS, 1, d, producedTwin(d, nv, vLocal), l,
        t(max, n), t(sumExp, n), ints(targets, n), t(rowScale, n), n, vLocal, validLocal,
        vocabStart);
  }

  // ---- optimizer ----

  @Override
  public void adamW(Tensor params, Tensor grads, Tensor m, Tensor v, long n, double lr,
      double beta1, double beta2, double eps, double weightDecay, int step, double gradScale) {
    float c1 = (float) (1 - Math.pow(beta1, step));
    float c2 = (float) (1 - Math.pow(beta2, step));
    CudaTensor p = out(params, n);
    CudaTensor g = t(grads, n);
    CudaTensor mt = out(m, n);
    CudaTensor vt = out(v, n);
    boolean v4 = fuse && n % 4 == 0 && aligned16(p, g, mt, vt);
    elementwise("optimizer", v4 ? "adamw_v4" : "adamw", v4 ? n / 4 : n, p, g, mt, vt,
        v4 ? n / 4 : n, (float) lr, (float) beta1, (float) beta2, (float) eps, (float) weightDecay, c1, c2, (float) gradScale);
  }

  @Override
  public double sumOfSquares(Tensor tensor, long n) {
    return sumOfSquares(tensor, n, () -> { });
  }

  /** {@link #sumOfSquares(Tensor, long)}, running {@code launched} before the download. */
  double sumOfSquares(Tensor tensor, long n, Runnable launched) {
    device.bind();
    int blocks = Math.max(1, Math.min(1024, gridFor(n)));
    CUdeviceptr partial = scratch.get("sumsq.partial", 1024L * Sizeof.DOUBLE);
    CUdeviceptr result = scratch.get("sumsq.result", Sizeof.DOUBLE);
    launch("optimizer", "sum_squares_partial", blocks, 1, THREADS, 1, partial, t(tensor, n), n);
    launch("optimizer", "sum_squares_final", 1, 1, THREADS, 1, result, partial, blocks);
    launched.run();
    double[] out = new double[1];
    check("cuMemcpyDtoH(sum of squares)",
        JCudaDriver.cuMemcpyDtoH(Pointer.to(out), result, Sizeof.DOUBLE));
    return out[0];
  }

  @Override
  public void synchronize() {
    device.synchronize();
  }

  @Override
  public void close() {
    try {
      device.synchronize();
      arena.close();
    } finally {
      device.close();
    }
  }

  // ---- launching ----

  /** A grid-stride kernel over {@code n} elements. */
  private void elementwise(String module, String kernel, long n, Object... args) {
    if (n > 0) {
      launch(module, kernel, gridFor(n), 1, THREADS, 1, args);
    }
  }

  private void launch(String module, String kernel, int gridX, int gridY, int blockX, int blockY,
      Object... args) {
    if (gridX <= 0 || gridY <= 0) {
      return;
    }
    device.launch(kernel, function(module, kernel), gridX, gridY, 1, blockX, blockY, 0,
        KernelArgs.of(args));
  }

  GemmKernels gemmKernels() {
    return gemm;
  }

  /** Fills {@code n} elements with uniform values in [-scale, scale) (benchmark operands). */
  void fillUniform(CudaTensor t, long n, long seed, float scale) {
    elementwise("elementwise", "fill_uniform", n, out(t, n), n, seed, scale);
  }

  CUfunction function(String module, String kernel) {
    return functions.computeIfAbsent(kernel, k -> device.function(
        modules.computeIfAbsent(module, device::loadModule), k));
  }

  private int gridFor(long n) {
    return (int) Math.min((n + THREADS - 1) / THREADS, maxGrid);
  }

  /** One warp per row, THREADS / 32 rows per block. */
  private static int warpRowsGrid(int rows) {
    return ceil(rows, THREADS / 32);
  }

  /** Rows each (32 × 8) column-reduction block sums: enough blocks to fill the GPU, ≤ 65535. */
  private static int rowsPerColumnBlock(int n) {
    return Math.max(64, ceil(n, 65535));
  }

  private static int ceil(int a, int b) {
    return (a + b - 1) / b;
  }

  private static int roundUp8(int x) {
    return (x + 7) / 8 * 8;
  }

  private static CudaTensor t(Tensor tensor) {
    if (!(tensor instanceof CudaTensor c)) {
      throw new IllegalArgumentException(tensor + " is not a tensor of the GPU backend");
    }
    return c;
  }

  /** The tensor, checked to hold at least {@code elements}. */
  private static CudaTensor t(Tensor tensor, long elements) {
    CudaTensor c = t(tensor);
    if (c.size() < elements) {
      throw new IllegalArgumentException(c.name() + " holds " + c.size() + " elements, the call"
          + " needs " + elements);
    }
    return c;
  }

  /** The LayerNorm kernels that keep a row in registers: c a multiple of 4, at most 1024. */
  private boolean layerNormV4(int c, CudaTensor... ts) {
    return fuse && c % 4 == 0 && c <= 1024 && aligned16(ts);
  }

  /** Whether every tensor starts at a 16-byte aligned address (float4 access). */
  private static boolean aligned16(CudaTensor... ts) {
    for (CudaTensor t : ts) {
      if (t.address() % 16 != 0) {
        return false;
      }
    }
    return true;
  }

  /** An output of the call: checked like {@link #t(Tensor, long)}, its derived data marked stale. */
  private CudaTensor out(Tensor tensor, long elements) {
    CudaTensor c = t(tensor, elements);
    derived.written(c, elements);
    return c;
  }

  private static CudaIntTensor ints(IntTensor tensor, int elements) {
    CudaIntTensor c = (CudaIntTensor) tensor;
    if (c.size() < elements) {
      throw new IllegalArgumentException(c.name() + " holds " + c.size() + " ints, the call needs "
          + elements);
    }
    return c;
  }

  private static void requireLength(CudaTensor t, long length) {
    if (t.size() != length) {
      throw new IllegalArgumentException(t.name() + " holds " + t.size() + " elements, got "
          + length);
    }
  }

  private static void requireRange(CudaTensor t, long offset, long n) {
    if (offset < 0 || n < 0 || offset + n > t.size()) {
      throw new IndexOutOfBoundsException("[" + offset + ", +" + n + ") outside " + t.name() + " ("
          + t.size() + " elements)");
    }
  }
}
