package dev.winnow.trainer.gpu;

import java.util.EnumMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * Launches the GEMM kernels of {@code gemm_bf16.cu} (tensor cores, bf16 operands) and {@code
 * gemm_fp32.cu} (SIMT, fp32 operands) on {@link GemmOperand}s:
 * {@code C = alpha · A·B + beta · C + bias}, optionally batched, skipping the work a causal
 * {@link Triangle} makes unnecessary.
 *
 * <p>bf16 operands must be 16-byte aligned at every batch entry, with leading dimensions a
 * multiple of 8 and zeros in the padding ({@link #bf16Ready}); {@link CudaBackend} packs them so.
 */
final class GemmKernels {
  static final int STAGES = 4;
  static final int BK = 32;
  static final int PAD = 8;

  /** A tensor-core tile configuration (8 warps). */
  enum Tile {
    LARGE(128, 256),
    SMALL(128, 128),
    /** For N ≤ 64: attention's products whose N is the head size. */
    NARROW(128, 64);

    final int bm;
    final int bn;

    Tile(int bm, int bn) {
      this.bm = bm;
      this.bn = bn;
    }
  }

  /**
   * The triangular structure a caller promises, so that the kernels skip known zeros or unwanted
   * outputs (attention's causal mask); mirrors the {@code causal} codes in gemm_common.cuh.
   */
  enum Triangle {
    NONE,
    /** Only C(m, n) with n ≤ m is wanted: tiles wholly above the diagonal are not computed. */
    OUTPUT_LOWER,
    /** A(m, k) = 0 for k &gt; m: each tile's reduction ends at its last row. */
    A_LOWER,
    /** A(m, k) = 0 for k &lt; m: each tile's reduction starts at its first row. */
    A_UPPER
  }

  private record Kernel(String name, CUfunction function, int sharedBytes) {}

  private final CudaDevice device;
  private final Map<GemmLayout, Kernel> fp32 = new EnumMap<>(GemmLayout.class);
  private final Map<Tile, Map<GemmLayout, Kernel>> bf16 = new EnumMap<>(Tile.class);

  GemmKernels(CudaDevice device) {
    this.device = device;
    CUmodule mf = device.loadModule("gemm_fp32");
    CUmodule mb = device.loadModule("gemm_bf16");
    for (GemmLayout l : GemmLayout.values()) {
      String n = "gemm_fp32_" + l.suffix();
      fp32.put(l, new Kernel(n, device.function(mf, n), 0));
    }
    for (Tile t : Tile.values()) {
      Map<GemmLayout, Kernel> byLayout = new EnumMap<>(GemmLayout.class);
      for (GemmLayout l : GemmLayout.values()) {
        String n = "gemm_bf16_" + l.suffix() + "_" + t.bm + "x" + t.bn;
        CUfunction f = device.function(mb, n);
        int smem = sharedBytes(t, l);
        device.allowDynamicShared(f, n, smem);
        byLayout.put(l, new Kernel(n, f, smem));
      }
      bf16.put(t, byLayout);
    }
  }

  /** Mirrors gemm_smem_bytes in gemm_bf16.cu: padded per-stage tiles of both operands. */
  static int sharedBytes(Tile t, GemmLayout l) {
    int a = l.aKMajor ? t.bm * (BK + PAD) : BK * (t.bm + PAD);
    int b = l.bKMajor ? t.bn * (BK + PAD) : BK * (t.bn + PAD);
    return STAGES * (a + b) * 2;
  }

  /** Whether a bf16 operand meets the tensor-core kernel's alignment rules. */
  static boolean bf16Ready(GemmOperand o) {
    return o.ld() % 8 == 0 && o.offset() % 8 == 0 && o.outerStride() % 8 == 0
        && o.innerStride() % 8 == 0;
  }

  /**
   * The narrow tile for N ≤ 64, else 128x256 when it still gives every multiprocessor a block
   * and N fills at least half of it, else 128x128.
   */
  Tile pickTile(int m, int n, int batches) {
    if (n <= Tile.NARROW.bn) {
      return Tile.NARROW;
    }
    long large = (long) ceil(m, Tile.LARGE.bm) * ceil(n, Tile.LARGE.bn) * batches;
    return large >= device.multiprocessors() && n > Tile.SMALL.bn ? Tile.LARGE : Tile.SMALL;
  }

  void fp32(GemmLayout layout, int m, int n, int k, GemmOperand a, GemmOperand b, GemmOperand c,
      CudaTensor bias, float alpha, float beta, int batches, int inner, Triangle triangle) {
    launch(fp32.get(layout), 128, 128, 256, 4, m, n, k, a, b, c, bias, alpha, beta, batches, inner,
        triangle);
  }

  void bf16(GemmLayout layout, Tile tile, int m, int n, int k, GemmOperand a, GemmOperand b,
      GemmOperand c, CudaTensor bias, float alpha, float beta, int batches, int inner,
      Triangle triangle) {
    if (!bf16Ready(a) || !bf16Ready(b)) {
      throw new IllegalArgumentException("bf16 GEMM operands need offsets, leading dimensions and"
          + " batch strides that are multiples of 8: A " + a + ", B " + b);
    }
    launch(bf16.get(tile).get(layout), tile.bm, tile.bn, 256, 2, m, n, k, a, b, c, bias, alpha,
        beta, batches, inner, triangle);
  }

  /** {@code operandBytes}: element size of A and B (C is always fp32). */
  private void launch(Kernel kernel, int bm, int bn, int threads, int operandBytes, int m, int n,
      int k,
      GemmOperand a, GemmOperand b, GemmOperand c, CudaTensor bias, float alpha, float beta,
      int batches, int inner, Triangle triangle) {
    if (m <= 0 || n <= 0 || batches <= 0) {
      return;
    }
    device.launch(kernel.name(), kernel.function(), ceil(n, bn), ceil(m, bm), batches, threads, 1,
        kernel.sharedBytes(),
        KernelArgs.of(a.pointer(operandBytes), b.pointer(operandBytes), c.pointer(4), bias, m, n, k, a.ld(), b.ld(), c.ld(),
            alpha, beta, Math.max(inner, 1), a.outerStride(), a.innerStride(), b.outerStride(),
            b.innerStride(), c.outerStride(), c.innerStride(), triangle.ordinal()));
  }

  static int ceil(int a, int b) {
    return (a + b - 1) / b;
  }
}
