package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.CudaCheck.check;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * Launches the Hopper GEMM kernels of {@code gemm_wgmma.cu} and {@code gemm_wgmma_pingpong.cu}
 * (warpgroup tensor-core instructions, bf16 operands, fp32 C): the problem and parameter list of
 * {@link GemmKernels#bf16}, {@code C = alpha · A·B + beta · C + bias}, batched and causal alike,
 * in every {@link GemmLayout}.
 *
 * <p>Blocks of 384 threads (two consumer warpgroups on wgmma, one producer warpgroup on
 * cp.async), one block per multiprocessor, in one of the {@link WgmmaSchedule}s: both consumer
 * warpgroups on a 128x256 tile, or each on its own 128x128 tile, taking turns. A persistent grid
 * when there are more tiles than multiprocessors (always for the ping-pong schedule, whose
 * blocks need two tiles to alternate). Operands must meet {@link GemmKernels#bf16Ready} (16-byte
 * aligned, leading dimensions and batch strides multiples of 8, zero padding); M, N and K ≥ 1
 * are free.
 *
 * <p>The modules are sm_90a machine code only: {@link #unsupportedReason} says why they cannot
 * run on the current GPU (anything but compute capability 9.0), and callers keep {@link
 * GemmKernels} for that case.
 */
final class WgmmaGemm {
  static final int THREADS = 384;
  /** The system property that sets the {@link Policy} ({@code auto} by default). */
  static final String POLICY_PROPERTY = "winnow.gpu.wgmma.schedule";

  /** Which schedule {@link #gemm} runs a product on: always one, or by shape. */
  enum Policy {
    COOPERATIVE(WgmmaSchedule.COOPERATIVE),
    PINGPONG(WgmmaSchedule.PINGPONG),
    /** By shape: {@link #choose}. */
    AUTO(null);

    /** The one schedule, or null for AUTO. */
    final WgmmaSchedule fixed;

    Policy(WgmmaSchedule fixed) {
      this.fixed = fixed;
    }

    /** The setting's spelling: cooperative, pingpong, auto. */
    String setting() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** From {@link #POLICY_PROPERTY}'s value; unknown values are an error that lists the known. */
    static Policy parse(String value) {
      StringBuilder known = new StringBuilder();
      for (Policy p : values()) {
        if (p.setting().equalsIgnoreCase(value.trim())) {
          return p;
        }
        known.append(known.length() == 0 ? "" : ", ").append(p.setting());
      }
      throw new IllegalArgumentException(POLICY_PROPERTY + " = '" + value + "': expected one of "
          + known);
    }
  }

  private record Kernel(String name, CUfunction function, int sharedBytes) {}

  private final CudaDevice device;
  private final Policy policy;
  private final Map<WgmmaSchedule, Map<GemmLayout, Kernel>> kernels =
      new EnumMap<>(WgmmaSchedule.class);
  private final CUmodule cooperativeModule;
  private final Map<String, Kernel> diagnostics = new HashMap<>();

  /** Loads the modules, with the policy of {@link #POLICY_PROPERTY}. */
  WgmmaGemm(CudaDevice device) {
    this(device, Policy.parse(System.getProperty(POLICY_PROPERTY, "auto")));
  }

  /** Loads the modules; throws {@link IllegalStateException} when {@link #unsupportedReason}. */
  WgmmaGemm(CudaDevice device, Policy policy) {
    String why = unsupportedReason(device);
    if (why != null) {
      throw new IllegalStateException(why);
    }
    this.device = device;
    this.policy = policy;
    Map<String, CUmodule> modules = new HashMap<>();
    for (WgmmaSchedule schedule : WgmmaSchedule.values()) {
      CUmodule module = modules.computeIfAbsent(schedule.module, device::loadModule);
      Map<GemmLayout, Kernel> byLayout = new EnumMap<>(GemmLayout.class);
      for (GemmLayout l : GemmLayout.values()) {
        byLayout.put(l, kernel(module, schedule.kernel(l), schedule.sharedBytes));
      }
      kernels.put(schedule, byLayout);
    }
    cooperativeModule = modules.get(WgmmaSchedule.COOPERATIVE.module);
  }

  private Kernel kernel(CUmodule module, String name, int sharedBytes) {
    CUfunction f = device.function(module, name);
    device.allowDynamicShared(f, name, sharedBytes);
    return new Kernel(name, f, sharedBytes);
  }

  Policy policy() {
    return policy;
  }

  /**
   * The schedule the policy gives an {@code m × n × k} product of {@code batches}. AUTO: the
   * ping-pong schedule when the cooperative 128x256 tiles make at least one wave on the
   * multiprocessors and K is at most 4096, else the cooperative schedule. The ping-pong's
   * smaller tiles fill the last wave better and hide each tile's epilogue behind the other
   * warpgroup's products; the cooperative tile moves 25% fewer bytes per product, which wins a
   * long K loop (8192³: 517 against 418 TFLOP/s) and grids too small for two tiles per block.
   * Measured per product of a GPT-2 124M step on the H100 (docs/benchmarks.md, 2026-11-27): the
   * ping-pong won the short-K products (192 to 768 cooperative tiles, K ≤ 3072: 0.06 to 0.38 ms
   * each per step) and the split weight gradients of 288 tiles, and lost the weight gradients of
   * 72 and 108 tiles and the lm head's input gradient (K = 25,152 per split).
   */
  WgmmaSchedule choose(int m, int n, int k, int batches) {
    return policy.fixed != null ? policy.fixed
        : automatic(m, n, k, batches, device.multiprocessors());
  }

  /** The AUTO policy's schedule on a GPU of {@code sms} multiprocessors ({@link #choose}). */
  static WgmmaSchedule automatic(int m, int n, int k, int batches, int sms) {
    long tiles = WgmmaSchedule.COOPERATIVE.tiles(m, n, batches);
    return k <= 4096 && tiles >= sms ? WgmmaSchedule.PINGPONG : WgmmaSchedule.COOPERATIVE;
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
    for (WgmmaSchedule schedule : WgmmaSchedule.values()) {
      String path = KernelResources.path(schedule.module);
      if (KernelResources.class.getClassLoader().getResource(path) == null) {
        return "wgmma GEMM not built: " + path + " not on the classpath";
      }
    }
    return null;
  }

  /**
   * Like {@link GemmKernels#bf16}, on the wgmma kernel of {@code layout} and the schedule the
   * policy {@link #choose}s: a persistent grid (one block per multiprocessor, each looping over
   * tiles) when there are more tiles than multiprocessors or the schedule is ping-pong, else one
   * block per tile.
   */
  void gemm(GemmLayout layout, int m, int n, int k, GemmOperand a, GemmOperand b, GemmOperand c,
      CudaTensor bias, float alpha, float beta, int batches, int inner, boolean causal) {
    WgmmaSchedule schedule = choose(m, n, k, batches);
    gemm(schedule, layout, m, n, k, a, b, c, bias, alpha, beta, batches, inner, causal,
        blocks(schedule, m, n, batches));
  }

  /**
   * The grid {@link #gemm} launches {@code schedule} on: a block per multiprocessor (at most a
   * block per tile) for the ping-pong schedule and for more tiles than multiprocessors, else 0
   * (a block per tile).
   */
  int blocks(WgmmaSchedule schedule, int m, int n, int batches) {
    long tiles = schedule.tiles(m, n, batches);
    int sms = device.multiprocessors();
    return schedule.pingPong() ? (int) Math.min(tiles, sms) : tiles > sms ? sms : 0;
  }

  /**
   * On {@code schedule}; {@code persistentBlocks} &gt; 0: that many blocks, each looping over
   * tiles (the tests use few to make every block take several); 0: one block per tile.
   */
  void gemm(WgmmaSchedule schedule, GemmLayout layout, int m, int n, int k, GemmOperand a,
      GemmOperand b, GemmOperand c, CudaTensor bias, float alpha, float beta, int batches,
      int inner, boolean causal, int persistentBlocks) {
    launch(kernels.get(schedule).get(layout), schedule, m, n, k, a, b, c, bias, alpha, beta,
        batches, inner, causal, persistentBlocks);
  }

  /**
   * A tuning or diagnostic NT kernel of gemm_wgmma.cu ({@code gemm_wgmma_diag_nt_<variant>}) on
   * a persistent grid, for WgmmaGemmBench; "noreload" computes wrong results by design.
   */
  void diagnosticNt(String variant, int m, int n, int k, GemmOperand a, GemmOperand b,
      GemmOperand c) {
    Kernel kernel = diagnostics.computeIfAbsent(variant, v -> kernel(cooperativeModule,
        "gemm_wgmma_diag_nt_" + v, WgmmaSchedule.COOPERATIVE.sharedBytes));
    launch(kernel, WgmmaSchedule.COOPERATIVE, m, n, k, a, b, c, null, 1f, 0f, 1, 1, false,
        device.multiprocessors());
  }

  private void launch(Kernel kernel, WgmmaSchedule schedule, int m, int n, int k, GemmOperand a,
      GemmOperand b, GemmOperand c, CudaTensor bias, float alpha, float beta, int batches,
      int inner, boolean causal, int persistentBlocks) {
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
    int tilesN = GemmKernels.ceil(n, schedule.bn);
    int tilesM = GemmKernels.ceil(m, schedule.bm);
    long tiles = (long) tilesN * tilesM * batches;
    if (tiles > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("wgmma GEMM: too many tiles (" + tiles + ")");
    }
    boolean persistent = persistentBlocks > 0;
    int gx = persistent ? (int) Math.min(tiles, persistentBlocks) : tilesN;
    int gy = persistent ? 1 : tilesM;
    int gz = persistent ? 1 : batches;
    device.launch(kernel.name(), kernel.function(), gx, gy, gz, THREADS, 1, kernel.sharedBytes(),
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
