// Causal softmax over attention scores [rows][T] (rows = B*NH*T, row index mod T = query t).
// The products Q*K^T, att*V and their gradients run on the GEMM kernels; these kernels do the
// softmax between them. One warp per row.
#include "common.cuh"

// att[t][t2] = softmax_t2<=t(scale * preatt[t][t2]); 0 above the diagonal.
extern "C" __global__ void softmax_causal_forward(float* att, const float* preatt, int rows, int T,
                                                  float scale) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = row % T;
  const float* p = preatt + (long long)row * T;
  float* a = att + (long long)row * T;
  float mx = -INFINITY;
  for (int j = lane; j <= t; j += 32) mx = fmaxf(mx, p[j] * scale);
  mx = warp_max(mx);
  float s = 0.0f;
  for (int j = lane; j <= t; j += 32) s += __expf(p[j] * scale - mx);
  const float inv = 1.0f / warp_sum(s);
  for (int j = lane; j < T; j += 32) a[j] = j <= t ? __expf(p[j] * scale - mx) * inv : 0.0f;
}

// dpreatt[t][t2] = scale * att[t][t2] * (datt[t][t2] - sum_j att[t][j] * datt[t][j]); 0 above
// the diagonal. May run in place (dpreatt == datt).
extern "C" __global__ void softmax_causal_backward(float* dpreatt, const float* datt, const float* att,
                                                   int rows, int T, float scale) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = row % T;
  const long long base = (long long)row * T;
  float dot = 0.0f;
  for (int j = lane; j <= t; j += 32) dot += att[base + j] * datt[base + j];
  dot = warp_sum(dot);
  for (int j = lane; j < T; j += 32)
    dpreatt[base + j] = j <= t ? scale * att[base + j] * (datt[base + j] - dot) : 0.0f;
}
