package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.IntTensor;
import jcuda.driver.CUdeviceptr;

/** {@code size} 32-bit token ids at {@code pointer} in a {@link DeviceArena}. */
record CudaIntTensor(String name, CUdeviceptr pointer, int size) implements IntTensor {}
