package dev.winnow.trainer.backend.cpu;

/** FP64 inner loops, scalar: FP64 serves gradient checks and equivalence tests, not speed. */
final class DoubleProducts extends MatrixProducts {

  DoubleProducts(WorkerPool pool) {
    super(pool);
  }

  @Override
  void dot(CpuTensor outT, int outAt, CpuTensor aT, int aAt, CpuTensor wT, int wAt, int n,
      int count) {
    double[] out = ((DoubleTensor) outT).data;
    double[] a = ((DoubleTensor) aT).data;
    double[] w = ((DoubleTensor) wT).data;
    int ai = aT.offset + aAt;
    for (int q = 0; q < count; q++) {
      int wi = wT.offset + wAt + q * n;
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += a[ai + k] * w[wi + k];
      }
      out[outT.offset + outAt + q] = s;
    }
  }

  @Override
  void axpy(CpuTensor outT, int outAt, double alpha, CpuTensor bT, int bAt, int n) {
    double[] out = ((DoubleTensor) outT).data;
    double[] b = ((DoubleTensor) bT).data;
    int oi = outT.offset + outAt;
    int bi = bT.offset + bAt;
    for (int j = 0; j < n; j++) {
      out[oi + j] += alpha * b[bi + j];
    }
  }
}
