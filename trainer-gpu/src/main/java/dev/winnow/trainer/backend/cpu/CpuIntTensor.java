package dev.winnow.trainer.backend.cpu;

import dev.winnow.trainer.backend.IntTensor;

/** Token ids in host memory. */
record CpuIntTensor(String name, int[] data) implements IntTensor {
  @Override
  public int size() {
    return data.length;
  }
}
