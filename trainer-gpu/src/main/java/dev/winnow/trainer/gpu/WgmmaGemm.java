package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.CudaCheck.check;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * Launches the Hopper GEMM kernels of {@code gemm_wgmma.cu} (warpgroup tensor-core instructions,
 * bf16 operands, fp32 C): the problem and parameter list of {@link GemmKernels#bf16}, {@code
 * C = alpha · A·B + beta · C + bias}, batched and causal alike, in every {@link GemmLayout}.
 *
 * <p>128x256 tiles, blocks of 384 threads (two consumer warpgroups on wgmma, one producer
 * warpgroup on cp.async), {@value #SHARED_BYTES} bytes of dynamic shared memory, one block per
 * multiprocessor; a persistent grid when there are more tiles than multiprocessors. Operands
 * must meet {@link GemmKernels#bf16Ready} (16-byte aligned, leading dimensions and batch strides
 * multiples of 8, zero padding); M, N and K ≥ 1 are free.
 *
 * <p>The module is sm_90a machine code only: {@link #unsupportedReason} says why it cannot run
 * on the current GPU (anything but compute capability 9.0), and callers keep {@link GemmKernels}
 * for that case.
 */
final class WgmmaGemm {
  static final int BM = 128;
  static final int BN = 256;
  static final int THREADS = 384;
  /** Mirrors wg::SMEM_BYTES: 4 stages of 128x64 A and 256x64 B (bf16) plus 1 KB of alignment. */
  static final int SHARED_BYTES = 4 * (BM * 64 + BN * 64) * 2 + 1024;

  private record Kernel(String name, CUfunction function) {}

  private final CudaDevice device;
  private final CUmodule module;
  private final Map<GemmLayout, Kernel> kernels = new EnumMap<>(GemmLayout.class);
  private final Map<String, Kernel> diagnostics = new HashMap<>();

  /** Loads the module; throws {@link IllegalStateException} when {@link #unsupportedReason}. */
  WgmmaGemm(CudaDevice device) {
    String why = unsupportedReason(device);
    if (why != null) {
      throw new IllegalStateException(why);
    }
    this.device = device;
    module = device.loadModule("gemm_wgmma");
    for (GemmLayout l : GemmLayout.values()) {
      kernels.put(l, kernel("gemm_wgmma_" + l.suffix() + "_" + BM + "x" + BN));
    }
  }

  private Kernel kernel(String name) {
    CUfunction f = device.function(module, name);
    device.allowDynamicShared(f, name, SHARED_BYTES);
    return new Kernel(name, f);
  }

  /** Null when the current context's GPU runs sm_90a code (compute capability 9.0), else why. */
  static String unsupportedReason(CudaDevice device) {
    device.makeCurrent();
    CUdevice d = new CUdevice();
    check("cuCtxGetDevice", JCudaDriver.cuCtxGetDevice(d));
    int major = attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
    int minor = attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    if (major != 9 || minor != 0) {
      return "wgmma GEMM needs compute capability 9.0 (sm_90a code); " + device.name() + " is "
          + major + "." + minor;
    }
    if (KernelResources.class.getClassLoader().getResource(KernelResources.path("gemm_wgmma"))
        == null) {
      return "wgmma GEMM not built: " + KernelResources.path("gemm_wgmma")
          + " not on the classpath";
    }
    return null;
  }

  /**
   * Like {@link GemmKernels#bf16}, on the wgmma kernel of {@code layout}: a persistent grid (one
   * block per multiprocessor, each looping over tiles) when there are more tiles than
   * multiprocessors, else one block per tile.
   */
  void gemm(GemmLayout layout, int m, int n, int k, GemmOperand a, GemmOperand b, GemmOperand c,
      CudaTensor bias, float alpha, float beta, int batches, int inner, boolean causal) {
    long tiles = (long) GemmKernels.ceil(m, BM) * GemmKernels.ceil(n, BN) * Math.max(batches, 0);
    gemm(layout, m, n, k, a, b, c, bias, alpha, beta, batches, inner, causal,
        tiles > device.multiprocessors() ? device.multiprocessors() : 0);
  }

  /**
   * {@code persistentBlocks} &gt; 0: that many blocks, each looping over tiles (the tests use few
   * to make every block take several); 0: one block per tile.
   */
  void gemm(GemmLayout layout, int m, int n, int k, GemmOperand a, GemmOperand b, GemmOperand c,
      CudaTensor bias, float alpha, float beta, int batches, int inner, boolean causal,
      int persistentBlocks) {
    launch(kernels.get(layout), m, n, k, a, b, c, bias, alpha, beta, batches, inner, causal,
        persistentBlocks);
  }

  /**
   * A tuning or diagnostic NT kernel of gemm_wgmma.cu ({@code gemm_wgmma_diag_nt_<variant>}) on
   * a persistent grid, for WgmmaGemmBench; "noreload" computes wrong results by design.
   */
  void diagnosticNt(String variant, int m, int n, int k, GemmOperand a, GemmOperand b,
      GemmOperand c) {
    Kernel kernel = diagnostics.computeIfAbsent(variant, v -> kernel("gemm_wgmma_diag_nt_" + v));
    launch(kernel, m, n, k, a, b, c, null, 1f, 0f, 1, 1, false,
        device.multiprocessors());
  }

  private void launch(Kernel kernel, int m, int n, int k, GemmOperand a, GemmOperand b,
      GemmOperand c, CudaTensor bias, float alpha, float beta, int batches, int inner,
      boolean causal, int persistentBlocks) {
    if (!GemmKernels.bf16Ready(a) || !GemmKernels.bf16Ready(b)) {
      throw new IllegalArgumentException("wgmma GEMM operands need offsets, leading dimensions"
          + " and batch strides that are multiples of 8: A " + a + ", B " + b);
    }
    if (k <= 0) {
      throw new IllegalArgumentException("wgmma GEMM needs K >= 1, got " + k);
    }
    if (m <= 0 || n <= 0 || batches <= 0) {
      return;
    }
    int tilesN = GemmKernels.ceil(n, BN);
    int tilesM = GemmKernels.ceil(m, BM);
    long tiles = (long) tilesN * tilesM * batches;
    if (tiles > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("wgmma GEMM: too many tiles (" + tiles + ")");
    }
    boolean persistent = persistentBlocks > 0;
    int gx = persistent ? (int) Math.min(tiles, persistentBlocks) : tilesN;
    int gy = persistent ? 1 : tilesM;
    int gz = persistent ? 1 : batches;
    device.launch(kernel.name(), kernel.function(), gx, gy, gz, THREADS, 1, SHARED_BYTES,
        KernelArgs.of(a.pointer(2), b.pointer(2), c.pointer(4), bias, m, n, k, a.ld(), b.ld(),
            c.ld(), alpha, beta, Math.max(inner, 1), a.outerStride(), a.innerStride(),
            b.outerStride(), b.innerStride(), c.outerStride(), c.innerStride(), causal ? 1 : 0,
            batches));
  }

  private static int attribute(CUdevice d, int attribute) {
    int[] v = new int[1];
    check("cuDeviceGetAttribute(" + attribute + ")",
        JCudaDriver.cuDeviceGetAttribute(v, attribute, d));
    return v[0];
  }
}
