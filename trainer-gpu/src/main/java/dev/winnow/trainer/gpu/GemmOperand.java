package dev.winnow.trainer.gpu;

import jcuda.driver.CUdeviceptr;

/**
 * One matrix of a (batched) GEMM: the start of the rows it lies in ({@code base}), its first
 * element's offset from there ({@code offset} &lt; {@code ld}: K and V sit at columns C and 2C of
 * each qkv row), the leading dimension, and the element offsets between batch entries: entry
 * {@code z} starts at {@code (z / inner) · outerStride + (z % inner) · innerStride} (attention
 * walks [B][NH] with different strides). All in elements, so the same operand describes an fp32
 * tensor and its bf16 packed copy.
 */
record GemmOperand(CUdeviceptr base, long offset, int ld, long outerStride, long innerStride) {

  static GemmOperand of(CUdeviceptr pointer, int ld) {
    return new GemmOperand(pointer, 0, ld, 0, 0);
  }

  CUdeviceptr pointer(int elementBytes) {
    return base.withByteOffset(offset * elementBytes);
  }
}
