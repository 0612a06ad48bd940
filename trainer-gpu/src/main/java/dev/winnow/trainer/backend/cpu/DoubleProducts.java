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
  void axpy4(CpuTensor outT, int outAt, double alpha0, double alpha1, double alpha2,
      double alpha3, CpuTensor bT, int bAt, int n) {
    double[] out = ((DoubleTensor) outT).data;
    double[] b = ((DoubleTensor) bT).data;
    int oi = outT.offset + outAt;
    int b0 = bT.offset + bAt;
    for (int j = 0; j < n; j++) {
      out[oi + j] += alpha0 * b[b0 + j] + alpha1 * b[b0 + n + j] + alpha2 * b[b0 + 2 * n + j]
          + alpha3 * b[b0 + 3 * n + j];
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
