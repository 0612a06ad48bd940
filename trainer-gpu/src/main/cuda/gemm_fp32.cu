// fp32 SIMT GEMM (Precision.FP32): the same batched, strided problem as the tensor-core kernel
// (gemm_common.cuh), fp32 operands, no alignment requirements. 128x128 block tile, BK = 8,
// 256 threads with 8x8 outputs each, strided by 16 so that shared-memory reads of B are
// consecutive across a half-warp and reads of A are broadcasts.
#include "gemm_common.cuh"

namespace {
constexpr int TM = 128, TN = 128, TK = 8, THREADS = 256;

__device__ __forceinline__ float load_a(const float* A, int m, int k, int M, int K, int lda,
                                        bool kMajor) {
  if (m >= M || k >= K) return 0.0f;
  return kMajor ? A[(long long)m * lda + k] : A[(long long)k * lda + m];
}

__device__ __forceinline__ void gemm_fp32_body(GEMM_PARAMS, bool aKMajor, bool bKMajor) {
  const TileCoord tile = grouped_tile<TM, TN>(M);
  const int m0 = tile.m0;
  const int n0 = tile.n0;
  if (causal == OUTPUT_LOWER && n0 > m0 + TM - 1) return;
  const BatchOffsets off = batch_offsets(inner, sAo, sAi, sBo, sBi, sCo, sCi);
  const float* gA = static_cast<const float*>(A) + off.a;
  const float* gB = static_cast<const float*>(B) + off.b;
  float* gC = C + off.c;

  __shared__ float sA[TK][TM];
  __shared__ float sB[TK][TN];
  const int tid = threadIdx.x;
  const int tx = tid % 16, ty = tid / 16;
  float acc[8][8];
#pragma unroll
  for (int i = 0; i < 8; ++i)
#pragma unroll
    for (int j = 0; j < 8; ++j) acc[i][j] = 0.0f;

  const KRange kr = k_range(causal, m0, TM, K, TK);
  for (int k0 = kr.begin; k0 < kr.end; k0 += TK) {
    // 1024 elements per operand tile, 4 per thread; walk the contiguous dimension fastest.
#pragma unroll
    for (int i = 0; i < 4; ++i) {
      const int e = tid + i * THREADS;
      const int am = aKMajor ? e / TK : e % TM;
      const int ak = aKMajor ? e % TK : e / TM;
      sA[ak][am] = load_a(gA, m0 + am, k0 + ak, M, K, lda, aKMajor);
      const int bn = bKMajor ? e / TK : e % TN;
      const int bk = bKMajor ? e % TK : e / TN;
      // B(k, n) with B K-major is stored like A K-major with n in place of m.
      sB[bk][bn] = load_a(gB, n0 + bn, k0 + bk, N, K, ldb, bKMajor);
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TK; ++k) {
      float a[8], b[8];
#pragma unroll
      for (int i = 0; i < 8; ++i) a[i] = sA[k][ty + 16 * i];
#pragma unroll
      for (int j = 0; j < 8; ++j) b[j] = sB[k][tx + 16 * j];
#pragma unroll
      for (int i = 0; i < 8; ++i)
#pragma unroll
        for (int j = 0; j < 8; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 8; ++i)
#pragma unroll
    for (int j = 0; j < 8; ++j) {
      const int m = m0 + ty + 16 * i;
      const int n = n0 + tx + 16 * j;
      if (m < M && n < N) store_output(gC, (long long)m * ldc + n, acc[i][j], alpha, beta, bias, n);
    }
}
}  // namespace

extern "C" __global__ void __launch_bounds__(THREADS) gemm_fp32_nt(GEMM_PARAMS) {
  gemm_fp32_body(GEMM_ARGS, true, true);
}
extern "C" __global__ void __launch_bounds__(THREADS) gemm_fp32_nn(GEMM_PARAMS) {
  gemm_fp32_body(GEMM_ARGS, true, false);
}
extern "C" __global__ void __launch_bounds__(THREADS) gemm_fp32_tn(GEMM_PARAMS) {
  gemm_fp32_body(GEMM_ARGS, false, false);
}
