// Token and position embeddings (vocab-parallel: a rank holds rows vocabStart ..).
#include "common.cuh"

extern "C" __global__ void embedding_forward(float* out, const int* tokens, const float* wte,
                                             int n, int c, int vocabStart, int vocabLocal) {
  FOR_EACH_INDEX(i, (long long)n * c) {
    const int row = (int)(i / c), col = (int)(i % c);
    const int local = tokens[row] - vocabStart;
    out[i] = (local >= 0 && local < vocabLocal) ? wte[(long long)local * c + col] : 0.0f;
  }
}

// Repeated tokens add to the same row, so this uses atomics: the summation order (and so the
// last bits of dwte) can differ between runs.
extern "C" __global__ void embedding_backward(float* dwte, const float* dout, const int* tokens,
                                              int n, int c, int vocabStart, int vocabLocal) {
  FOR_EACH_INDEX(i, (long long)n * c) {
    const int row = (int)(i / c), col = (int)(i % c);
    const int local = tokens[row] - vocabStart;
    if (local >= 0 && local < vocabLocal) atomicAdd(&dwte[(long long)local * c + col], dout[i]);
  }
}

extern "C" __global__ void position_forward(float* out, const float* wpe, int b, int t, int c) {
  const long long tc = (long long)t * c;
  FOR_EACH_INDEX(i, (long long)b * tc) out[i] += wpe[i % tc];
}

// Column sums of x[n][c], deterministic: block (32, 8) sums 32 columns over its slice of
// rowsPerBlock rows (shared memory, fixed order). With one slice (gridDim.y == 1) it adds the
// sums to dst[c]; otherwise it writes slice y's sums to dst[y][c], which sum_partials_add then
// adds up in slice order. (Atomics per slice would leave the summation order to the scheduler.)
extern "C" __global__ void column_sum_slices(float* dst, const float* x, int n, int c,
                                             int rowsPerBlock) {
  __shared__ float part[8][33];
  const int col = blockIdx.x * 32 + threadIdx.x;
  const int r0 = blockIdx.y * rowsPerBlock;
  const int r1 = min(n, r0 + rowsPerBlock);
  float s = 0.0f;
  if (col < c)
    for (int r = r0 + threadIdx.y; r < r1; r += 8) s += x[(long long)r * c + col];
  part[threadIdx.y][threadIdx.x] = s;
  __syncthreads();
  if (threadIdx.y == 0 && col < c) {
    for (int k = 1; k < 8; ++k) s += part[k][threadIdx.x];
    if (gridDim.y == 1) dst[col] += s;
    else dst[(long long)blockIdx.y * c + col] = s;
  }
}
