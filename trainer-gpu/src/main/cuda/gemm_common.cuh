// Shared by the GEMM kernels: the batched, strided problem both the tensor-core and the SIMT
// kernel solve, so the Java side launches either with the same parameter list.
//
//   C(m, n) = alpha * sum_k A(m, k) * B(k, n) + beta * C(m, n) + bias[n]
//
// A is "K-major" (A(m,k) at A[m*lda + k], row-major M x K) or "M-major" (A[k*lda + m]).
// B is "K-major" (B(k,n) at B[n*ldb + k], i.e. an N x K weight) or "N-major" (B[k*ldb + n]).
// C is row-major M x N with leading dimension ldc.
// Batch z = blockIdx.z is split as (z / inner, z % inner) so that attention can address
// [B][NH] sub-matrices of qkv, whose batch and head strides differ.
// causal: the triangular structure the caller promises (attention's causal mask), so that work
// on known zeros or unwanted outputs is skipped:
//   1 OUTPUT_LOWER: only C(m, n) with n <= m is wanted: tiles wholly above the diagonal are
//     skipped (masked scores, never read);
//   2 A_LOWER: A(m, k) = 0 for k > m (probabilities times V): a tile's k loop ends at its last row;
//   3 A_UPPER: A(m, k) = 0 for k < m (transposed probabilities): the k loop starts at its first row.
#pragma once
#include <cstdint>

struct BatchOffsets {
  long long a, b, c;
};

__device__ __forceinline__ BatchOffsets batch_offsets(int inner, long long sAo, long long sAi,
    long long sBo, long long sBi, long long sCo, long long sCi) {
  const int z = blockIdx.z;
  const int zo = z / inner;
  const int zi = z - zo * inner;
  BatchOffsets o;
  o.a = zo * sAo + zi * sAi;
  o.b = zo * sBo + zi * sBi;
  o.c = zo * sCo + zi * sCi;
  return o;
}

__device__ __forceinline__ void store_output(float* C, long long idx, float acc, float alpha,
    float beta, const float* bias, int n) {
  float v = alpha * acc;
  if (beta != 0.0f) v += beta * C[idx];
  if (bias != nullptr) v += bias[n];
  C[idx] = v;
}

// The (m, n) tile of this block. Blocks are issued in groups of GROUP_M tile rows, walking
// down a group's rows before moving right, so the blocks resident at one time share a few
// row panels of A and column panels of B in L2 (plain row-major order would stream all of B
// once per band of resident blocks).
struct TileCoord {
  int m0, n0;
};

template <int BM, int BN>
__device__ __forceinline__ TileCoord grouped_tile(int M) {
  constexpr int GROUP_M = 8;
  const int tilesM = (M + BM - 1) / BM;
  const int tilesN = gridDim.x;
  const int pid = blockIdx.y * tilesN + blockIdx.x;
  const int perGroup = GROUP_M * tilesN;
  const int group = pid / perGroup;
  const int firstM = group * GROUP_M;
  const int groupRows = min(tilesM - firstM, GROUP_M);
  const int inGroup = pid - group * perGroup;
  TileCoord t;
  t.m0 = (firstM + inGroup % groupRows) * BM;
  t.n0 = (inGroup / groupRows) * BN;
  return t;
}

enum { OUTPUT_LOWER = 1, A_LOWER = 2, A_UPPER = 3 };

// The k range [begin, end) a tile at row m0 (BM rows) must sum over; begin is a multiple of step.
struct KRange {
  int begin, end;
};

__device__ __forceinline__ KRange k_range(int causal, int m0, int bm, int K, int step) {
  KRange r{0, K};
  if (causal == A_LOWER) r.end = min(K, m0 + bm);
  if (causal == A_UPPER) r.begin = min(m0, K) / step * step;
  return r;
}

#define GEMM_PARAMS                                                                      \
  const void* __restrict__ A, const void* __restrict__ B, float* __restrict__ C,          \
      const float* __restrict__ bias, int M, int N, int K, int lda, int ldb, int ldc,     \
      float alpha, float beta, int inner, long long sAo, long long sAi, long long sBo,    \
      long long sBi, long long sCo, long long sCi, int causal
#define GEMM_ARGS A, B, C, bias, M, N, K, lda, ldb, ldc, alpha, beta, inner, sAo, sAi, sBo, \
      sBi, sCo, sCi, causal
