// Vocab-parallel cross-entropy pieces: per-row max and sum of exponentials over the valid local
// columns (the trainer all-reduces them), the target logit, and the logits' gradient.
// One block per row for the reductions.
#include "common.cuh"

extern "C" __global__ void row_max(float* out, const float* logits, int n, int vLocal, int valid) {
  const float* l = logits + (long long)blockIdx.x * vLocal;
  float m = -INFINITY;
  for (int j = threadIdx.x; j < valid; j += blockDim.x) m = fmaxf(m, l[j]);
  m = block_max(m);
  if (threadIdx.x == 0) out[blockIdx.x] = m;
}

extern "C" __global__ void row_sum_exp(float* out, const float* logits, const float* max, int n,
                                       int vLocal, int valid) {
  const float* l = logits + (long long)blockIdx.x * vLocal;
  const float m = max[blockIdx.x];
  float s = 0.0f;
  for (int j = threadIdx.x; j < valid; j += blockDim.x) s += expf(l[j] - m);
  s = block_sum(s);
  if (threadIdx.x == 0) out[blockIdx.x] = s;
}

extern "C" __global__ void target_logit(float* out, const float* logits, const int* targets, int n,
                                        int vLocal, int vocabStart) {
  FOR_EACH_INDEX(i, n) {
    const int local = targets[i] - vocabStart;
    out[i] = (local >= 0 && local < vLocal) ? logits[i * (long long)vLocal + local] : 0.0f;
  }
}

// grid (rows, column blocks): rows on x, whose limit is 2^31 - 1.
extern "C" __global__ void cross_entropy_backward(float* dlogits, const float* logits,
                                                  const float* max, const float* sumExp,
                                                  const int* targets, const float* rowScale, int n,
                                                  int vLocal, int valid, int vocabStart) {
  const int row = blockIdx.x;
  const int v = blockIdx.y * blockDim.x + threadIdx.x;
  if (v >= vLocal) return;
  const long long idx = (long long)row * vLocal + v;
  if (v >= valid) {
    dlogits[idx] = 0.0f;
    return;
  }
  const float p = expf(logits[idx] - max[row]) / sumExp[row];
  const float indicator = (v + vocabStart == targets[row]) ? 1.0f : 0.0f;
  dlogits[idx] = rowScale[row] * (p - indicator);
}
