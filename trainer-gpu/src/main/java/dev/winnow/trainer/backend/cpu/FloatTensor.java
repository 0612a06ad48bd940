package dev.winnow.trainer.backend.cpu;

/** FP32 (and BF16-mode) storage: a window of a {@code float[]}. */
final class FloatTensor extends CpuTensor {
  final float[] data;

  FloatTensor(String name, float[] data, int offset, int size) {
    super(name, offset, size);
    this.data = data;
  }

  @Override
  double get(int i) {
    return data[offset + i];
  }

  @Override
  void set(int i, double v) {
    data[offset + i] = (float) v;
  }

  @Override
  public FloatTensor slice(String name, long off, long length) {
    checkSlice(off, length);
    return new FloatTensor(name, data, offset + (int) off, (int) length);
  }
}
