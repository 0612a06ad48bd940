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

// dweight += sum_rows dout * norm, dbias += sum_rows dout. Block (32, 8) as column_sum_add.
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
