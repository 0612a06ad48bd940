package dev.winnow.trainer.backend.cpu;

import dev.winnow.trainer.backend.Tensor;

/**
 * A tensor in host memory: a window {@code [offset, offset + size)} of a Java array. The kernels
 * other than the matrix products are written once against {@link #get}/{@link #set} in double
 * arithmetic, so FP32 and FP64 share one implementation; only the storage type differs.
 */
abstract sealed class CpuTensor implements Tensor permits FloatTensor, DoubleTensor {
  private final String name;
  final int offset;
  final int size;

  CpuTensor(String name, int offset, int size) {
    this.name = name;
    this.offset = offset;
    this.size = size;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  /** Element {@code i} of this window, widened to double. */
  abstract double get(int i);

  /** Stores {@code v} (rounded to the storage type) at element {@code i} of this window. */
  abstract void set(int i, double v);

  final void add(int i, double v) {
    set(i, get(i) + v);
  }

  static int checkedSize(long size) {
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("CPU tensors hold at most 2^31 elements, got " + size);
    }
    return (int) size;
  }

  void checkSlice(long off, long length) {
    if (off < 0 || length < 0 || off + length > size) {
      throw new IndexOutOfBoundsException("slice [" + off + ", " + (off + length) + ") of "
          + name + " (size " + size + ")");
    }
  }
}
