// Causal softmax over attention scores [rows][T] (rows = B*NH*T, row index mod T = query t).
// The products Q*K^T, att*V and their gradients run on the GEMM kernels; these kernels do the
// softmax between them. One warp per row.
//
// In BF16 mode the next products read the probabilities (and the score gradients) as bf16, so
// these kernels also write that packed copy in the same pass (rows of ld16 >= T elements, zeros
// above the diagonal and in the padding), instead of a separate pack over [B][NH][T][T].
#include <cuda_bf16.h>
#include "common.cuh"

__device__ __forceinline__ void store_bf16_row(__nv_bfloat16* row16, int ld16, int j, float v) {
  if (row16 != nullptr && j < ld16) row16[j] = __float2bfloat16_rn(v);
}

// att[t][t2] = softmax_t2<=t(scale * preatt[t][t2]); 0 above the diagonal. att16: optional.
extern "C" __global__ void softmax_causal_forward(float* att, __nv_bfloat16* att16, int ld16,
                                                  const float* preatt, int rows, int T,
                                                  float scale) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = row % T;
  const float* p = preatt + (long long)row * T;
  float* a = att + (long long)row * T;
  __nv_bfloat16* a16 = att16 == nullptr ? nullptr : att16 + (long long)row * ld16;
  float mx = -INFINITY;
  for (int j = lane; j <= t; j += 32) mx = fmaxf(mx, p[j] * scale);
  mx = warp_max(mx);
  float s = 0.0f;
  for (int j = lane; j <= t; j += 32) s += __expf(p[j] * scale - mx);
  const float inv = 1.0f / warp_sum(s);
  const int width = a16 == nullptr ? T : max(T, ld16);
  for (int j = lane; j < width; j += 32) {
    const float v = j <= t ? __expf(p[j] * scale - mx) * inv : 0.0f;
    if (j < T) a[j] = v;
    store_bf16_row(a16, ld16, j, v);
  }
}

// dpreatt[t][t2] = scale * att[t][t2] * (datt[t][t2] - sum_j att[t][j] * datt[t][j]); 0 above
// the diagonal. Writes dpreatt (may be datt itself: each lane reads an element before it writes
// it) and/or its bf16 copy dpre16; either may be null.
extern "C" __global__ void softmax_causal_backward(float* dpreatt, __nv_bfloat16* dpre16, int ld16,
                                                   const float* datt, const float* att, int rows,
                                                   int T, float scale) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = row % T;
  const long long base = (long long)row * T;
  __nv_bfloat16* d16 = dpre16 == nullptr ? nullptr : dpre16 + (long long)row * ld16;
  float dot = 0.0f;
  for (int j = lane; j <= t; j += 32) dot += att[base + j] * datt[base + j];
  dot = warp_sum(dot);
  const int width = d16 == nullptr ? T : max(T, ld16);
  for (int j = lane; j < width; j += 32) {
    const float v = j <= t ? scale * att[base + j] * (datt[base + j] - dot) : 0.0f;
    if (dpreatt != nullptr && j < T) dpreatt[base + j] = v;
    store_bf16_row(d16, ld16, j, v);
  }
}
