package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Tensor;
import jcuda.driver.CUdeviceptr;

/**
 * {@code size} fp32 values at {@code pointer} in a {@link DeviceArena}; slices share them.
 * {@code address} is the byte offset from the arena's start (the backend tracks which ranges an
 * op writes by it).
 */
record CudaTensor(String name, CUdeviceptr pointer, long size, long address) implements Tensor {

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
    return new CudaTensor(sliceName, at(offset), length, address + offset * Float.BYTES);
  }

  @Override
  public String toString() {
    return name + "[" + size + "] (GPU)";
  }
}
