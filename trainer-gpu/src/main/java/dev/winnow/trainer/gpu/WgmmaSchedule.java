package dev.winnow.trainer.gpu;

/**
 * How a wgmma GEMM block's two consumer warpgroups share the work: the kernel module, the tile
 * one K loop computes, and the dynamic shared memory of the stage ring (mirrors each .cu file's
 * SMEM_BYTES, which static_asserts the figure).
 */
enum WgmmaSchedule {
  /** Both warpgroups on one 128x256 tile, 4 stages of 48 KB ({@code gemm_wgmma.cu}). */
  COOPERATIVE("gemm_wgmma", "gemm_wgmma_", 128, 256, 4),
  /**
   * Each warpgroup on its own 128x128 tile, taking turns on the tensor cores so that one's
   * epilogue overlaps the other's products; 6 stages of 32 KB ({@code gemm_wgmma_pingpong.cu}).
   */
  PINGPONG("gemm_wgmma_pingpong", "gemm_wgmma_pp_", 128, 128, 6);

  final String module;
  final String kernelPrefix;
  final int bm;
  final int bn;
  final int sharedBytes;

  WgmmaSchedule(String module, String kernelPrefix, int bm, int bn, int stages) {
    this.module = module;
    this.kernelPrefix = kernelPrefix;
    this.bm = bm;
    this.bn = bn;
    // stages of bm x 64 A and bn x 64 B (bf16), plus 1 KB to align the ring to the swizzle
    this.sharedBytes = stages * (bm * 64 + bn * 64) * 2 + 1024;
  }

  String kernel(GemmLayout layout) {
    return kernelPrefix + layout.suffix() + "_" + bm + "x" + bn;
  }

  boolean pingPong() {
    return this != COOPERATIVE;
  }

  long tiles(int m, int n, int batches) {
    return (long) GemmKernels.ceil(m, bm) * GemmKernels.ceil(n, bn) * Math.max(batches, 0);
  }
}
