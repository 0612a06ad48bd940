package dev.winnow.trainer.gpu;

import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * The {@code kernelParams} array of {@code cuLaunchKernel}: one pointer per argument, to a
 * host copy of its value. Java types map to the kernel's parameter types: {@link Integer} →
 * int, {@link Long} → long long, {@link Float} → float, {@link Double} → double, a tensor or
 * device pointer → a device pointer, {@code null} → a null device pointer.
 */
final class KernelArgs {
  private KernelArgs() {}

  static Pointer of(Object... args) {
    NativePointerObject[] p = new NativePointerObject[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        p[i] = Pointer.to(new long[] {0L});
      } else if (a instanceof CudaTensor t) {
        p[i] = Pointer.to(t.pointer());
      } else if (a instanceof CudaIntTensor t) {
        p[i] = Pointer.to(t.pointer());
      } else if (a instanceof Pointer ptr) {
        p[i] = Pointer.to(ptr);
      } else if (a instanceof Integer v) {
        p[i] = Pointer.to(new int[] {v});
      } else if (a instanceof Long v) {
        p[i] = Pointer.to(new long[] {v});
      } else if (a instanceof Float v) {
        p[i] = Pointer.to(new float[] {v});
      } else if (a instanceof Double v) {
        p[i] = Pointer.to(new double[] {v});
      } else {
        throw new IllegalArgumentException("unsupported kernel argument " + i + ": " + a.getClass());
      }
    }
    return Pointer.to(p);
  }
}
