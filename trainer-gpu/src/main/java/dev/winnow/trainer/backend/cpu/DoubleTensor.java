package dev.winnow.trainer.backend.cpu;

/** FP64 storage: a window of a {@code double[]}. */
final class DoubleTensor extends CpuTensor {
  final double[] data;

  DoubleTensor(String name, double[] data, int offset, int size) {
    super(name, offset, size);
    this.data = data;
  }

  @Override
  double get(int i) {
    return data[offset + i];
  }

  @Override
  void set(int i, double v) {
    data[offset + i] = v;
  }

  @Override
  public DoubleTensor slice(String name, long off, long length) {
    checkSlice(off, length);
    return new DoubleTensor(name, data, offset + (int) off, (int) length);
  }
}
