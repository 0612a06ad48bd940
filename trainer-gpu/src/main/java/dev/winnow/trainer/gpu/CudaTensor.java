package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Tensor;
import jcuda.driver.CUdeviceptr;

/** {@code size} fp32 values at {@code pointer} in a {@link DeviceArena}; slices share them. */
record CudaTensor(String name, CUdeviceptr pointer, long size) implements Tensor {

  /** The device address of element {@code offset}. */
  CUdeviceptr at(long offset) {
    return pointer.withByteOffset(offset * Float.BYTES);
  }

  @Override
  public Tensor slice(String sliceName, long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IndexOutOfBoundsException("slice " + sliceName + " [" + offset + ", +" + length
          + ") of " + name + " (" + size + " elements)");
    }
    return new CudaTensor(sliceName, at(offset), length);
  }

  @Override
  public String toString() {
    return name + "[" + size + "] (GPU)";
  }
}
