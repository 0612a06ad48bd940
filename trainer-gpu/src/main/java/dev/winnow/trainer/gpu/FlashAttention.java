package dev.winnow.trainer.gpu;

import java.util.HashSet;
import java.util.Set;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

/**
 * Launches {@code flash_attention.cu}: causal attention whose forward pass keeps the rows'
 * log-sum-exps instead of the {@code [B][NH][T][T]} probabilities, and whose backward pass
 * recomputes them tile by tile (two kernels, dQ and dK/dV, so no gradient is summed with
 * atomics). Operands: the bf16 packs of qkv and dout ({@link GemmOperand}s of the backend,
 * offset 0); everything else fp32.
 */
final class FlashAttention {
  /** Rows per tile and per block (4 warps of 16 rows), as {@code TILE} in the kernels. */
  static final int TILE = 64;
  private static final int THREADS = 128;
  private static final String MODULE = "flash_attention";

  private final CudaBackend backend;
  private final CudaDevice device;
  private final Set<String> prepared = new HashSet<>();

  FlashAttention(CudaBackend backend, CudaDevice device) {
    this.backend = backend;
    this.device = device;
  }

  /**
   * Head sizes with kernels. 128 would need a narrower dK/dV tile: at 64 rows its accumulators
   * spill registers.
   */
  static boolean supports(int hs) {
    return hs == 32 || hs == 64;
  }

  /** Mirrors the kernels' shared memory: 64-row tiles of HS + 8 bf16. */
  static int sharedBytes(String kernel, int hs) {
    int tile = TILE * (hs + 8) * 2;
    return switch (kernel) {
      case "forward" -> 5 * tile;
      case "backward_dq" -> 6 * tile;
      case "backward_dkdv" -> 6 * tile + 2 * 2 * TILE * Float.BYTES;
      default -> throw new IllegalArgumentException(kernel);
    };
  }

  /**
   * Writes {@code out[B·T][C]}, its dense bf16 twin {@code out16} unless null, and {@code
   * lse[B][NH][T]}.
   */
  void forward(CudaTensor out, CUdeviceptr out16, CudaTensor lse, GemmOperand qkv16, int b, int t,
      int nh, int hs) {
    launch("forward", hs, b, t, nh, out, out16, lse, qkv16.base(), qkv16.ld(), t, nh, scale(hs));
  }

  /**
   * Writes all of {@code dqkv[B·T][3C]} (and its dense bf16 twin {@code dqkv16} unless null) from
   * {@code dout} (fp32, and its bf16 pack), the forward pass's {@code out} and {@code lse};
   * {@code rowdot} is scratch of B·NH·T floats.
   */
  void backward(CudaTensor dqkv, CUdeviceptr dqkv16, GemmOperand qkv16, GemmOperand dout16,
      CudaTensor dout, CudaTensor out, CudaTensor lse, CUdeviceptr rowdot, int b, int t, int nh,
      int hs) {
    int rows = b * nh * t;
    int warpsPerBlock = 8;
    device.launch("flash_attention_rowdot", backend.function(MODULE, "flash_attention_rowdot"),
        (rows + warpsPerBlock - 1) / warpsPerBlock, 1, 1, 32 * warpsPerBlock, 1, 0,
        KernelArgs.of(rowdot, dout, out, b, t, nh, hs));
    for (String kernel : new String[] {"backward_dq", "backward_dkdv"}) {
      launch(kernel, hs, b, t, nh, dqkv, dqkv16, qkv16.base(), qkv16.ld(), dout16.base(),
          dout16.ld(), lse, rowdot, t, nh, scale(hs));
    }
  }

  private void launch(String kernel, int hs, int b, int t, int nh, Object... args) {
    if (!supports(hs)) {
      throw new IllegalArgumentException("flash attention has no kernel for head size " + hs);
    }
    String name = "flash_attention_" + kernel + "_" + hs;
    CUfunction f = backend.function(MODULE, name);
    int smem = sharedBytes(kernel, hs);
    if (prepared.add(name)) {
      device.allowDynamicShared(f, name, smem);
    }
    device.launch(name, f, (t + TILE - 1) / TILE, b * nh, 1, THREADS, 1, smem,
        KernelArgs.of(args));
  }

  private static float scale(int hs) {
    return (float) (1.0 / Math.sqrt(hs));
  }
}
