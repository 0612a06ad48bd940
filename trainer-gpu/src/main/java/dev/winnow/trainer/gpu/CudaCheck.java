package dev.winnow.trainer.gpu;

import jcuda.driver.CUresult;

/** Turns a CUDA driver-API return code into an exception that names the call. */
final class CudaCheck {
  private CudaCheck() {}

  static void check(String call, int result) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new CudaError(call, result);
    }
  }

  /** A failed driver-API call: the call (with its arguments where they help) and the code. */
  static final class CudaError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    CudaError(String call, int code) {
      super(call + " failed: " + CUresult.stringFor(code) + " (" + code + ")");
      this.code = code;
    }
  }
}
