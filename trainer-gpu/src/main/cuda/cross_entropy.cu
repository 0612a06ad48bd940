// Vocab-parallel cross-entropy pieces: per-row max and sum of exponentials over the valid local
// columns (the trainer all-reduces them), the target logit, and the logits' gradient.
// One block per row for the reductions.
#include <cuda_bf16.h>
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

// row_max and, in the same pass, the row's sum of exponentials relative to that max (online
// softmax: each thread keeps a running max and rescales its sum when the max grows). Writes
// max[row] and stash[row] = max, stash[n + row] = sum; row_sum_exp_stash turns the stash into
// the sums relative to whatever max[] holds by then (the trainer may all-reduce it between).
__device__ __forceinline__ void online_add(float& m, float& s, float x) {
  if (x > m) {
    s = s * expf(m - x) + 1.0f;  // exp(-inf) = 0 for the first element
    m = x;
  } else {
    s += expf(x - m);
  }
}

extern "C" __global__ void row_max_stash(float* out, float* stash, const float* logits, int n,
                                         int vLocal, int valid) {
  const float* l = logits + (long long)blockIdx.x * vLocal;
  float m = -INFINITY, s = 0.0f;
  int j0 = 0;
  if ((vLocal & 3) == 0) {  // rows 16-byte aligned: float4 over the first valid/4*4 columns
    const float4* l4 = reinterpret_cast<const float4*>(l);
    const int n4 = valid / 4;
    for (int j = threadIdx.x; j < n4; j += blockDim.x) {
      const float4 v = l4[j];
      online_add(m, s, v.x);
      online_add(m, s, v.y);
      online_add(m, s, v.z);
      online_add(m, s, v.w);
    }
    j0 = n4 * 4;
  }
  for (int j = j0 + threadIdx.x; j < valid; j += blockDim.x) online_add(m, s, l[j]);
  const float rowMax = block_max(m);
  s = m == -INFINITY ? 0.0f : s * expf(m - rowMax);
  s = block_sum(s);
  if (threadIdx.x == 0) {
    out[blockIdx.x] = rowMax;
    stash[blockIdx.x] = rowMax;
    stash[n + blockIdx.x] = s;
  }
}

extern "C" __global__ void row_sum_exp_stash(float* out, const float* stash, const float* max,
                                             int n) {
  FOR_EACH_INDEX(i, n) {
    const float m = stash[i], mx = max[i];
    out[i] = m == mx ? stash[n + i] : stash[n + i] * expf(m - mx);
  }
}

// grid (rows, column blocks): rows on x, whose limit is 2^31 - 1. dlogits16 (optional): the
// bf16 copy of dlogits that the next product reads.
extern "C" __global__ void cross_entropy_backward(float* dlogits, __nv_bfloat16* dlogits16,
                                                  const float* logits,
                                                  const float* max, const float* sumExp,
                                                  const int* targets, const float* rowScale, int n,
                                                  int vLocal, int valid, int vocabStart) {
  const int row = blockIdx.x;
  const int v = blockIdx.y * blockDim.x + threadIdx.x;
  if (v >= vLocal) return;
  const long long idx = (long long)row * vLocal + v;
  float d = 0.0f;
  if (v < valid) {
    const float p = expf(logits[idx] - max[row]) / sumExp[row];
    const float indicator = (v + vocabStart == targets[row]) ? 1.0f : 0.0f;
    d = rowScale[row] * (p - indicator);
  }
  dlogits[idx] = d;
  if (dlogits16 != nullptr) dlogits16[idx] = __float2bfloat16_rn(d);
}

// cross_entropy_backward for vLocal a multiple of 4 (rows 16-byte aligned): 4 columns per
// thread, float4 loads and stores, 8-byte bf16 stores. grid (rows, ceil(vLocal / 4 / block)).
extern "C" __global__ void cross_entropy_backward_v4(float* dlogits, __nv_bfloat16* dlogits16,
                                                     const float* logits, const float* max,
                                                     const float* sumExp, const int* targets,
                                                     const float* rowScale, int n, int vLocal,
                                                     int valid, int vocabStart) {
  const int row = blockIdx.x;
  const int v0 = 4 * (blockIdx.y * blockDim.x + threadIdx.x);
  if (v0 >= vLocal) return;
  const long long idx = (long long)row * vLocal + v0;
  const float m = max[row];
  const float k = rowScale[row] / sumExp[row];
  const float rs = rowScale[row];
  const int target = targets[row] - vocabStart;
  float4 l = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
  if (v0 < valid) l = *reinterpret_cast<const float4*>(logits + idx);
  float d[4] = {l.x, l.y, l.z, l.w};
#pragma unroll
  for (int e = 0; e < 4; ++e) {
    const int v = v0 + e;
    d[e] = v < valid ? k * expf(d[e] - m) - (v == target ? rs : 0.0f) : 0.0f;
  }
  const float4 o = make_float4(d[0], d[1], d[2], d[3]);
  *reinterpret_cast<float4*>(dlogits + idx) = o;
  if (dlogits16 != nullptr) {
    __nv_bfloat162 lo = __floats2bfloat162_rn(o.x, o.y);
    __nv_bfloat162 hi = __floats2bfloat162_rn(o.z, o.w);
    uint2 u;
    u.x = *reinterpret_cast<unsigned int*>(&lo);
    u.y = *reinterpret_cast<unsigned int*>(&hi);
    *reinterpret_cast<uint2*>(dlogits16 + idx) = u;
  }
}
