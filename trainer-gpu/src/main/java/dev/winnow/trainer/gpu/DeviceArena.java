package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.CudaCheck.check;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Device memory for one backend: a single {@code cuMemAlloc} made up front and handed out by a
 * {@link RangeAllocator} (256-byte aligned, first fit, merged on free). Training allocates its
 * tensors once and reuses scratch buffers, so a step makes no driver allocation; running out
 * names the request and what is left.
 */
public final class DeviceArena implements AutoCloseable {
  private final CUdeviceptr base = new CUdeviceptr();
  private final RangeAllocator ranges;
  private boolean closed;

  public DeviceArena(long capacityBytes) {
    ranges = new RangeAllocator(capacityBytes);
    check("cuMemAlloc(" + ranges.capacity() + " bytes)",
        JCudaDriver.cuMemAlloc(base, ranges.capacity()));
  }

  /** The offset of a range of at least {@code bytes}; its device address is {@link #pointer}. */
  public long allocate(String what, long bytes) {
    return ranges.allocate(what, bytes);
  }

  public void release(long offset, long bytes) {
    ranges.release(offset, bytes);
  }

  public CUdeviceptr pointer(long offset) {
    return base.withByteOffset(offset);
  }

  public long capacity() {
    return ranges.capacity();
  }

  public long used() {
    return ranges.used();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      check("cuMemFree(arena)", JCudaDriver.cuMemFree(base));
    }
  }
}
