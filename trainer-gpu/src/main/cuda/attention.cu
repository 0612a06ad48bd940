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

// Fast paths for T a multiple of 8 and at most 1024 (ld16 == T): each lane keeps its part of
// the row in registers (chunk k: columns 4 * (32k + lane) .. + 3, float4 loads and stores,
// 8-byte bf16 stores), so the scores are read once, only up to the diagonal, and each
// exponential is computed once.
#define SOFTMAX_CHUNKS 8  // 8 chunks x 32 lanes x 4 = 1024 columns

__device__ __forceinline__ void store_bf16x4(__nv_bfloat16* p, float4 v) {
  __nv_bfloat162 lo = __floats2bfloat162_rn(v.x, v.y);
  __nv_bfloat162 hi = __floats2bfloat162_rn(v.z, v.w);
  uint2 u;
  u.x = *reinterpret_cast<unsigned int*>(&lo);
  u.y = *reinterpret_cast<unsigned int*>(&hi);
  *reinterpret_cast<uint2*>(p) = u;
}

extern "C" __global__ void __launch_bounds__(256) softmax_causal_forward_v4(
    float* att, __nv_bfloat16* att16, const float* preatt, int rows, int T, float scale) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = row % T;
  const float4* p = reinterpret_cast<const float4*>(preatt + (long long)row * T);
  float4 v[SOFTMAX_CHUNKS];
  float mx = -INFINITY;
#pragma unroll
  for (int k = 0; k < SOFTMAX_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    v[k] = make_float4(-INFINITY, -INFINITY, -INFINITY, -INFINITY);
    if (c0 <= t) {  // c0 <= t < T
      const float4 x = p[c0 / 4];
      v[k].x = x.x * scale;
      if (c0 + 1 <= t) v[k].y = x.y * scale;
      if (c0 + 2 <= t) v[k].z = x.z * scale;
      if (c0 + 3 <= t) v[k].w = x.w * scale;
      mx = fmaxf(mx, fmaxf(fmaxf(v[k].x, v[k].y), fmaxf(v[k].z, v[k].w)));
    }
  }
  mx = warp_max(mx);
  float s = 0.0f;
#pragma unroll
  for (int k = 0; k < SOFTMAX_CHUNKS; ++k) {
    if (4 * (32 * k + lane) <= t) {
      v[k].x = __expf(v[k].x - mx);  // exp(-inf) = 0 above the diagonal
      v[k].y = __expf(v[k].y - mx);
      v[k].z = __expf(v[k].z - mx);
      v[k].w = __expf(v[k].w - mx);
      s += (v[k].x + v[k].y) + (v[k].z + v[k].w);
    } else {
      v[k] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    }
  }
  const float inv = 1.0f / warp_sum(s);
  float4* a = reinterpret_cast<float4*>(att + (long long)row * T);
  __nv_bfloat16* a16 = att16 == nullptr ? nullptr : att16 + (long long)row * T;
#pragma unroll
  for (int k = 0; k < SOFTMAX_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    if (c0 < T) {
      const float4 o = make_float4(v[k].x * inv, v[k].y * inv, v[k].z * inv, v[k].w * inv);
      a[c0 / 4] = o;
      if (a16 != nullptr) store_bf16x4(a16 + c0, o);
    }
  }
}

// As softmax_causal_backward (dpreatt may alias datt; dpreatt and dpre16 may each be null).
extern "C" __global__ void __launch_bounds__(256) softmax_causal_backward_v4(
    float* dpreatt, __nv_bfloat16* dpre16, const float* datt, const float* att, int rows, int T,
    float scale) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = row % T;
  const long long base = (long long)row * T;
  const float4* a4 = reinterpret_cast<const float4*>(att + base);
  const float4* d4 = reinterpret_cast<const float4*>(datt + base);
  float4 av[SOFTMAX_CHUNKS], dv[SOFTMAX_CHUNKS];
  float dot = 0.0f;
#pragma unroll
  for (int k = 0; k < SOFTMAX_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    av[k] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    dv[k] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    if (c0 <= t) {
      const float4 a = a4[c0 / 4];
      const float4 d = d4[c0 / 4];
      av[k].x = a.x;
      dv[k].x = d.x;
      if (c0 + 1 <= t) { av[k].y = a.y; dv[k].y = d.y; }
      if (c0 + 2 <= t) { av[k].z = a.z; dv[k].z = d.z; }
      if (c0 + 3 <= t) { av[k].w = a.w; dv[k].w = d.w; }
      dot += (av[k].x * dv[k].x + av[k].y * dv[k].y) + (av[k].z * dv[k].z + av[k].w * dv[k].w);
    }
  }
  dot = warp_sum(dot);
  float4* o4 = dpreatt == nullptr ? nullptr : reinterpret_cast<float4*>(dpreatt + base);
  __nv_bfloat16* o16 = dpre16 == nullptr ? nullptr : dpre16 + base;
#pragma unroll
  for (int k = 0; k < SOFTMAX_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    if (c0 < T) {
      // above the diagonal av = 0, so the result is 0 there
      const float4 o = make_float4(scale * av[k].x * (dv[k].x - dot), scale * av[k].y * (dv[k].y - dot),
                                   scale * av[k].z * (dv[k].z - dot), scale * av[k].w * (dv[k].w - dot));
      if (o4 != nullptr) o4[c0 / 4] = o;
      if (o16 != nullptr) store_bf16x4(o16 + c0, o);
    }
  }
}
