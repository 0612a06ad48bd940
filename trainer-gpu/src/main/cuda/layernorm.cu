// LayerNorm over the last dimension, eps = 1e-5 (GPT-2). One warp per row.
#include <cuda_bf16.h>
#include "common.cuh"

#define LN_EPS 1e-5f

// out16 (optional): the bf16 copy of out (rows of c elements) that the next product reads.
extern "C" __global__ void layernorm_forward(float* out, __nv_bfloat16* out16, float* mean,
                                             float* rstd, const float* inp, const float* weight,
                                             const float* bias, int n, int c) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= n) return;
  const float* x = inp + (long long)row * c;
  float s = 0.0f;
  for (int i = lane; i < c; i += 32) s += x[i];
  const float m = warp_sum(s) / c;
  float v = 0.0f;
  for (int i = lane; i < c; i += 32) {
    const float d = x[i] - m;
    v += d * d;
  }
  const float r = rsqrtf(warp_sum(v) / c + LN_EPS);
  float* o = out + (long long)row * c;
  __nv_bfloat16* o16 = out16 == nullptr ? nullptr : out16 + (long long)row * c;
  for (int i = lane; i < c; i += 32) {
    const float y = (x[i] - m) * r * weight[i] + bias[i];
    o[i] = y;
    if (o16 != nullptr) o16[i] = __float2bfloat16_rn(y);
  }
  if (lane == 0) {
    mean[row] = m;
    rstd[row] = r;
  }
}

// dinp += rstd * (dnorm - mean(dnorm) - norm * mean(dnorm * norm)), dnorm = dout * weight.
extern "C" __global__ void layernorm_backward_input(float* dinp, const float* dout, const float* inp,
                                                    const float* weight, const float* mean,
                                                    const float* rstd, int n, int c) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= n) return;
  const long long base = (long long)row * c;
  const float m = mean[row], r = rstd[row];
  float sd = 0.0f, sdn = 0.0f;
  for (int i = lane; i < c; i += 32) {
    const float norm = (inp[base + i] - m) * r;
    const float dnorm = dout[base + i] * weight[i];
    sd += dnorm;
    sdn += dnorm * norm;
  }
  sd = warp_sum(sd) / c;
  sdn = warp_sum(sdn) / c;
  for (int i = lane; i < c; i += 32) {
    const float norm = (inp[base + i] - m) * r;
    const float dnorm = dout[base + i] * weight[i];
    dinp[base + i] += r * (dnorm - sd - norm * sdn);
  }
}

// dweight += sum_rows dout * norm, dbias += sum_rows dout. Block (32, 8) as column_sum_slices.
extern "C" __global__ void layernorm_backward_params(float* dweight, float* dbias, const float* dout,
                                                     const float* inp, const float* mean,
                                                     const float* rstd, int n, int c,
                                                     int rowsPerBlock) {
  __shared__ float pw[8][33], pb[8][33];
  const int col = blockIdx.x * 32 + threadIdx.x;
  const int r0 = blockIdx.y * rowsPerBlock;
  const int r1 = min(n, r0 + rowsPerBlock);
  float sw = 0.0f, sb = 0.0f;
  if (col < c)
    for (int r = r0 + threadIdx.y; r < r1; r += 8) {
      const long long idx = (long long)r * c + col;
      const float d = dout[idx];
      sw += d * (inp[idx] - mean[r]) * rstd[r];
      sb += d;
    }
  pw[threadIdx.y][threadIdx.x] = sw;
  pb[threadIdx.y][threadIdx.x] = sb;
  __syncthreads();
  if (threadIdx.y == 0 && col < c) {
    for (int k = 1; k < 8; ++k) {
      sw += pw[k][threadIdx.x];
      sb += pb[k][threadIdx.x];
    }
    atomicAdd(&dweight[col], sw);
    atomicAdd(&dbias[col], sb);
  }
}

// Fast paths for c a multiple of 4 and at most 1024, rows 16-byte aligned: one warp per row,
// the row kept in registers (chunk k: columns 4 * (32k + lane) .. + 3), float4 accesses.
#define LN_CHUNKS 8

__device__ __forceinline__ void ln_store_bf16x4(__nv_bfloat16* p, float4 v) {
  __nv_bfloat162 lo = __floats2bfloat162_rn(v.x, v.y);
  __nv_bfloat162 hi = __floats2bfloat162_rn(v.z, v.w);
  uint2 u;
  u.x = *reinterpret_cast<unsigned int*>(&lo);
  u.y = *reinterpret_cast<unsigned int*>(&hi);
  *reinterpret_cast<uint2*>(p) = u;
}

extern "C" __global__ void __launch_bounds__(256) layernorm_forward_v4(
    float* out, __nv_bfloat16* out16, float* mean, float* rstd, const float* inp,
    const float* weight, const float* bias, int n, int c) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= n) return;
  const float4* x4 = reinterpret_cast<const float4*>(inp + (long long)row * c);
  float4 x[LN_CHUNKS];
  float s = 0.0f;
#pragma unroll
  for (int k = 0; k < LN_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    x[k] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    if (c0 < c) {
      x[k] = x4[c0 / 4];
      s += (x[k].x + x[k].y) + (x[k].z + x[k].w);
    }
  }
  const float m = warp_sum(s) / c;
  float v = 0.0f;
#pragma unroll
  for (int k = 0; k < LN_CHUNKS; ++k) {
    if (4 * (32 * k + lane) < c) {
      const float a = x[k].x - m, b = x[k].y - m, d = x[k].z - m, e = x[k].w - m;
      v += (a * a + b * b) + (d * d + e * e);
    }
  }
  const float r = rsqrtf(warp_sum(v) / c + LN_EPS);
  float4* o4 = reinterpret_cast<float4*>(out + (long long)row * c);
  __nv_bfloat16* o16 = out16 == nullptr ? nullptr : out16 + (long long)row * c;
  const float4* w4 = reinterpret_cast<const float4*>(weight);
  const float4* b4 = reinterpret_cast<const float4*>(bias);
#pragma unroll
  for (int k = 0; k < LN_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    if (c0 < c) {
      const float4 w = w4[c0 / 4], b = b4[c0 / 4];
      const float4 y = make_float4((x[k].x - m) * r * w.x + b.x, (x[k].y - m) * r * w.y + b.y,
                                   (x[k].z - m) * r * w.z + b.z, (x[k].w - m) * r * w.w + b.w);
      o4[c0 / 4] = y;
      if (o16 != nullptr) ln_store_bf16x4(o16 + c0, y);
    }
  }
  if (lane == 0) {
    mean[row] = m;
    rstd[row] = r;
  }
}

// dinp += ..., as layernorm_backward_input; dinp16 (optional): the bf16 copy of the updated
// dinp that the next product reads.
extern "C" __global__ void __launch_bounds__(256) layernorm_backward_input_v4(
    float* dinp, __nv_bfloat16* dinp16, const float* dout, const float* inp, const float* weight,
    const float* mean, const float* rstd, int n, int c) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= n) return;
  const long long base = (long long)row * c;
  const float4* x4 = reinterpret_cast<const float4*>(inp + base);
  const float4* d4 = reinterpret_cast<const float4*>(dout + base);
  const float4* w4 = reinterpret_cast<const float4*>(weight);
  const float m = mean[row], r = rstd[row];
  float4 nm[LN_CHUNKS], dn[LN_CHUNKS];
  float sd = 0.0f, sdn = 0.0f;
#pragma unroll
  for (int k = 0; k < LN_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    nm[k] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    dn[k] = nm[k];
    if (c0 < c) {
      const float4 x = x4[c0 / 4], d = d4[c0 / 4], w = w4[c0 / 4];
      nm[k] = make_float4((x.x - m) * r, (x.y - m) * r, (x.z - m) * r, (x.w - m) * r);
      dn[k] = make_float4(d.x * w.x, d.y * w.y, d.z * w.z, d.w * w.w);
      sd += (dn[k].x + dn[k].y) + (dn[k].z + dn[k].w);
      sdn += (dn[k].x * nm[k].x + dn[k].y * nm[k].y) + (dn[k].z * nm[k].z + dn[k].w * nm[k].w);
    }
  }
  sd = warp_sum(sd) / c;
  sdn = warp_sum(sdn) / c;
  float4* g4 = reinterpret_cast<float4*>(dinp + base);
  __nv_bfloat16* g16 = dinp16 == nullptr ? nullptr : dinp16 + base;
#pragma unroll
  for (int k = 0; k < LN_CHUNKS; ++k) {
    const int c0 = 4 * (32 * k + lane);
    if (c0 < c) {
      float4 g = g4[c0 / 4];
      g.x += r * (dn[k].x - sd - nm[k].x * sdn);
      g.y += r * (dn[k].y - sd - nm[k].y * sdn);
      g.z += r * (dn[k].z - sd - nm[k].z * sdn);
      g.w += r * (dn[k].w - sd - nm[k].w * sdn);
      g4[c0 / 4] = g;
      if (g16 != nullptr) ln_store_bf16x4(g16 + c0, g);
    }
  }
}
