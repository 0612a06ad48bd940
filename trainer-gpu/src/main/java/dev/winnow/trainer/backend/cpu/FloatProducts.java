package dev.winnow.trainer.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** FP32 inner loops with the Vector API (AVX2: 8 lanes, fused multiply-add). */
final class FloatProducts extends MatrixProducts {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  FloatProducts(WorkerPool pool) {
    super(pool);
  }

  @Override
  void dot(CpuTensor outT, int outAt, CpuTensor aT, int aAt, CpuTensor wT, int wAt, int n,
      int count) {
    float[] out = ((FloatTensor) outT).data;
    float[] a = ((FloatTensor) aT).data;
    float[] w = ((FloatTensor) wT).data;
    int ai = aT.offset + aAt;
    int oi = outT.offset + outAt;
    // Rows past `count` reuse row 0, so one loop serves 1..4 columns; their sums are dropped.
    int w0 = wT.offset + wAt;
    int w1 = count > 1 ? w0 + n : w0;
    int w2 = count > 2 ? w0 + 2 * n : w0;
    int w3 = count > 3 ? w0 + 3 * n : w0;
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int k = 0;
    for (int bound = S.loopBound(n); k < bound; k += S.length()) {
      FloatVector x = FloatVector.fromArray(S, a, ai + k);
      s0 = FloatVector.fromArray(S, w, w0 + k).fma(x, s0);
      s1 = FloatVector.fromArray(S, w, w1 + k).fma(x, s1);
      s2 = FloatVector.fromArray(S, w, w2 + k).fma(x, s2);
      s3 = FloatVector.fromArray(S, w, w3 + k).fma(x, s3);
    }
    float r0 = s0.reduceLanes(VectorOperators.ADD);
    float r1 = s1.reduceLanes(VectorOperators.ADD);
    float r2 = s2.reduceLanes(VectorOperators.ADD);
    float r3 = s3.reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      float x = a[ai + k];
      r0 += x * w[w0 + k];
      r1 += x * w[w1 + k];
      r2 += x * w[w2 + k];
      r3 += x * w[w3 + k];
    }
    float[] r = {r0, r1, r2, r3};
    System.arraycopy(r, 0, out, oi, count);
  }

  @Override
  void axpy4(CpuTensor outT, int outAt, double alpha0, double alpha1, double alpha2,
      double alpha3, CpuTensor bT, int bAt, int n) {
    float[] out = ((FloatTensor) outT).data;
    float[] b = ((FloatTensor) bT).data;
    int oi = outT.offset + outAt;
    int b0 = bT.offset + bAt;
    int b1 = b0 + n;
    int b2 = b1 + n;
    int b3 = b2 + n;
    float a0 = (float) alpha0;
    float a1 = (float) alpha1;
    float a2 = (float) alpha2;
    float a3 = (float) alpha3;
    FloatVector v0 = FloatVector.broadcast(S, a0);
    FloatVector v1 = FloatVector.broadcast(S, a1);
    FloatVector v2 = FloatVector.broadcast(S, a2);
    FloatVector v3 = FloatVector.broadcast(S, a3);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
      FloatVector acc = FloatVector.fromArray(S, out, oi + j);
      acc = FloatVector.fromArray(S, b, b0 + j).fma(v0, acc);
      acc = FloatVector.fromArray(S, b, b1 + j).fma(v1, acc);
      acc = FloatVector.fromArray(S, b, b2 + j).fma(v2, acc);
      acc = FloatVector.fromArray(S, b, b3 + j).fma(v3, acc);
      acc.intoArray(out, oi + j);
    }
    for (; j < n; j++) {
      float acc = out[oi + j];
      acc = Math.fma(a0, b[b0 + j], acc);
      acc = Math.fma(a1, b[b1 + j], acc);
      acc = Math.fma(a2, b[b2 + j], acc);
      acc = Math.fma(a3, b[b3 + j], acc);
      out[oi + j] = acc;
    }
  }

  @Override
  void axpy(CpuTensor outT, int outAt, double alpha, CpuTensor bT, int bAt, int n) {
    float[] out = ((FloatTensor) outT).data;
    float[] b = ((FloatTensor) bT).data;
    int oi = outT.offset + outAt;
    int bi = bT.offset + bAt;
    float al = (float) alpha;
    FloatVector av = FloatVector.broadcast(S, al);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
      FloatVector.fromArray(S, b, bi + j).fma(av, FloatVector.fromArray(S, out, oi + j))
          .intoArray(out, oi + j);
    }
    for (; j < n; j++) {
      out[oi + j] = Math.fma(al, b[bi + j], out[oi + j]);
    }
  }
}
