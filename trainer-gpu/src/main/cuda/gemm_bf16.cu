// Tensor-core GEMM: bf16 operands, fp32 accumulation and fp32 output (see gemm_common.cuh for
// the problem). mma.sync.m16n8k16 fed by ldmatrix from a STAGES-deep cp.async pipeline.
//
// Shared-memory tiles keep the operand's global layout (K-major or M/N-major) and are padded by
// 8 bf16 (16 bytes) per row, so the eight 16-byte rows an ldmatrix phase reads fall in eight
// different bank groups; non-K-major operands are read with ldmatrix.trans.
//
// Requirements (the Java side packs operands so they hold): A, B 16-byte aligned; lda, ldb
// multiples of 8; elements of the padded contiguous dimension beyond the logical size are 0.
// Any M, N, K otherwise: rows and 16-byte chunks past the edge are zero-filled by cp.async's
// src-size operand and the epilogue stores only in-range elements.
#include <cuda_bf16.h>
#include "gemm_common.cuh"
#include "mma_common.cuh"

namespace {

constexpr int BK = 32;
constexpr int STAGES = 4;
constexpr int PAD = 8;

// One operand's tile in shared memory: ROWS x COLS bf16 per stage in the operand's own layout.
// K-major tiles are [TILE][BK], the others [BK][TILE].
template <int TILE, bool KMAJOR>
struct TileShape {
  static constexpr int ROWS = KMAJOR ? TILE : BK;
  static constexpr int COLS = KMAJOR ? BK : TILE;
  static constexpr int STRIDE = COLS + PAD;  // elements per shared row
  static constexpr int ELEMS = ROWS * STRIDE;
  static constexpr int CHUNKS_PER_ROW = COLS / 8;
  static constexpr int CHUNKS = ROWS * CHUNKS_PER_ROW;
};

// Copies the tile at (tile origin t0 along M or N, k0) of one operand into shared memory.
// extent = the operand's M (or N) size, K = reduction size, ld = leading dimension.
template <int TILE, bool KMAJOR, int THREADS>
__device__ __forceinline__ void load_tile(__nv_bfloat16* s, const __nv_bfloat16* g, int t0,
                                          int k0, int extent, int K, int ld) {
  using S = TileShape<TILE, KMAJOR>;
  static_assert(S::CHUNKS % THREADS == 0, "tile chunks must divide evenly among threads");
#pragma unroll
  for (int i = 0; i < S::CHUNKS / THREADS; ++i) {
    const int chunk = threadIdx.x + i * THREADS;
    const int row = chunk / S::CHUNKS_PER_ROW;
    const int col = (chunk % S::CHUNKS_PER_ROW) * 8;
    int gr, gc;  // global row / column in the operand's storage
    bool valid;
    if (KMAJOR) {
      gr = t0 + row; gc = k0 + col;
      valid = gr < extent && gc < K;
    } else {
      gr = k0 + row; gc = t0 + col;
      valid = gr < K && gc < extent;
    }
    const __nv_bfloat16* src = valid ? g + (long long)gr * ld + gc : g;
    cp_async16(smem_addr(s + row * S::STRIDE + col), src, valid);
  }
}

template <int BM, int BN, int WARPS_M, int WARPS_N, bool A_KMAJOR, bool B_KMAJOR>
__device__ __forceinline__ void gemm_bf16_body(GEMM_PARAMS) {
  constexpr int THREADS = WARPS_M * WARPS_N * 32;
  constexpr int WTM = BM / WARPS_M;  // warp tile
  constexpr int WTN = BN / WARPS_N;
  constexpr int MT = WTM / 16;       // m16 fragments per warp
  constexpr int NT = WTN / 8;        // n8 fragments per warp
  static_assert(NT % 2 == 0, "B fragments are loaded two n8 blocks at a time");
  using SA = TileShape<BM, A_KMAJOR>;
  using SB = TileShape<BN, B_KMAJOR>;

  const TileCoord tile = grouped_tile<BM, BN>(M);
  const int m0 = tile.m0;
  const int n0 = tile.n0;
  if (causal == OUTPUT_LOWER && n0 > m0 + BM - 1) return;  // every element has n > m

  const BatchOffsets off = batch_offsets(inner, sAo, sAi, sBo, sBi, sCo, sCi);
  const __nv_bfloat16* gA = static_cast<const __nv_bfloat16*>(A) + off.a;
  const __nv_bfloat16* gB = static_cast<const __nv_bfloat16*>(B) + off.b;
  float* gC = C + off.c;

  extern __shared__ __align__(16) unsigned char smem_raw[];
  __nv_bfloat16* sA = reinterpret_cast<__nv_bfloat16*>(smem_raw);
  __nv_bfloat16* sB = sA + STAGES * SA::ELEMS;

  const int warp = threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  const int wm0 = (warp / WARPS_N) * WTM;
  const int wn0 = (warp % WARPS_N) * WTN;

  float acc[MT][NT][4];
#pragma unroll
  for (int i = 0; i < MT; ++i)
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) acc[i][j][e] = 0.0f;

  const KRange kr = k_range(causal, m0, BM, K, BK);
  const int kt0 = kr.begin / BK;                   // first k tile
  const int KT = (kr.end + BK - 1) / BK - kt0;     // k tiles to sum (may be 0)
#pragma unroll
  for (int s = 0; s < STAGES - 1; ++s) {
    if (s < KT) {
      load_tile<BM, A_KMAJOR, THREADS>(sA + s * SA::ELEMS, gA, m0, (kt0 + s) * BK, M, K, lda);
      load_tile<BN, B_KMAJOR, THREADS>(sB + s * SB::ELEMS, gB, n0, (kt0 + s) * BK, N, K, ldb);
    }
    cp_async_commit();
  }

  for (int kt = 0; kt < KT; ++kt) {  // kt counts tiles from kt0
    cp_async_wait<STAGES - 2>();  // tile kt has landed (this thread's part)
    __syncthreads();              // ... everyone's part; and stage (kt-1) is free to refill
    {
      const int next = kt + STAGES - 1;
      if (next < KT) {
        const int s = next % STAGES;
        const int k0 = (kt0 + next) * BK;
        load_tile<BM, A_KMAJOR, THREADS>(sA + s * SA::ELEMS, gA, m0, k0, M, K, lda);
        load_tile<BN, B_KMAJOR, THREADS>(sB + s * SB::ELEMS, gB, n0, k0, N, K, ldb);
      }
      cp_async_commit();  // an empty group keeps the wait count uniform
    }
    const __nv_bfloat16* tA = sA + (kt % STAGES) * SA::ELEMS;
    const __nv_bfloat16* tB = sB + (kt % STAGES) * SB::ELEMS;
#pragma unroll
    for (int kk = 0; kk < BK; kk += 16) {
      uint32_t af[MT][4];
      uint32_t bf[NT][2];
#pragma unroll
      for (int i = 0; i < MT; ++i) {
        const int mb = wm0 + i * 16;
        if (A_KMAJOR) {  // [m][k]: lanes 0-15 rows m, lanes 16-31 the k+8 half
          const int r = mb + (lane & 15);
          const int c = kk + (lane >> 4) * 8;
          ldmatrix_x4(af[i], smem_addr(tA + r * SA::STRIDE + c));
        } else {  // [k][m], transposed on load
          const int r = kk + (lane & 7) + ((lane >> 4) << 3);
          const int c = mb + ((lane >> 3) & 1) * 8;
          ldmatrix_x4_trans(af[i], smem_addr(tA + r * SA::STRIDE + c));
        }
      }
#pragma unroll
      for (int j = 0; j < NT; j += 2) {
        const int nb = wn0 + j * 8;
        uint32_t r4[4];
        if (B_KMAJOR) {  // [n][k]
          const int r = nb + (lane & 7) + ((lane >> 4) << 3);
          const int c = kk + ((lane >> 3) & 1) * 8;
          ldmatrix_x4(r4, smem_addr(tB + r * SB::STRIDE + c));
        } else {  // [k][n], transposed on load
          const int r = kk + (lane & 7) + ((lane >> 3) & 1) * 8;
          const int c = nb + (lane >> 4) * 8;
          ldmatrix_x4_trans(r4, smem_addr(tB + r * SB::STRIDE + c));
        }
        bf[j][0] = r4[0]; bf[j][1] = r4[1];
        bf[j + 1][0] = r4[2]; bf[j + 1][1] = r4[3];
      }
#pragma unroll
      for (int i = 0; i < MT; ++i)
#pragma unroll
        for (int j = 0; j < NT; ++j) mma_bf16(acc[i][j], af[i], bf[j][0], bf[j][1]);
    }
  }
  cp_async_wait<0>();

  // Epilogue: fragment element e sits at row g (+8 for e >= 2), column 2*t + (e & 1).
  const int g = lane >> 2;
  const int t = lane & 3;
#pragma unroll
  for (int i = 0; i < MT; ++i)
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        const int m = m0 + wm0 + i * 16 + g + (e >> 1) * 8;
        const int n = n0 + wn0 + j * 8 + 2 * t + (e & 1);
        if (m < M && n < N) store_output(gC, (long long)m * ldc + n, acc[i][j][e], alpha, beta, bias, n);
      }
}

}  // namespace

// Dynamic shared memory a variant needs (the Java side mirrors this formula).
template <int BM, int BN, bool AK, bool BK_>
constexpr int gemm_smem_bytes() {
  return STAGES * (TileShape<BM, AK>::ELEMS + TileShape<BN, BK_>::ELEMS) * 2;
}

// Variants: tile (large 128x256, 8 warps of 64x64, one block per SM; small 128x128, 8 warps of
// 64x32, registers capped at 128 so that two blocks share an SM; narrow 128x64, 8 warps of 32x32,
// for attention's products with N = head size) x layout
// (nt: A K-major, B K-major = inp * W^T; nn: A K-major, B N-major = dout * W;
//  tn: A M-major, B N-major = dout^T * inp).
#define GEMM_BF16_VARIANT(NAME, BM, BN, WM, WN, AK, BKM, MIN_BLOCKS)                      \
  extern "C" __global__ void __launch_bounds__(WM * WN * 32, MIN_BLOCKS) NAME(GEMM_PARAMS) { \
    gemm_bf16_body<BM, BN, WM, WN, AK, BKM>(GEMM_ARGS);                                   \
  }

GEMM_BF16_VARIANT(gemm_bf16_nt_128x256, 128, 256, 2, 4, true, true, 1)
GEMM_BF16_VARIANT(gemm_bf16_nn_128x256, 128, 256, 2, 4, true, false, 1)
GEMM_BF16_VARIANT(gemm_bf16_tn_128x256, 128, 256, 2, 4, false, false, 1)
GEMM_BF16_VARIANT(gemm_bf16_nt_128x128, 128, 128, 2, 4, true, true, 2)
GEMM_BF16_VARIANT(gemm_bf16_nn_128x128, 128, 128, 2, 4, true, false, 2)
GEMM_BF16_VARIANT(gemm_bf16_tn_128x128, 128, 128, 2, 4, false, false, 2)
GEMM_BF16_VARIANT(gemm_bf16_nt_128x64, 128, 64, 4, 2, true, true, 2)
GEMM_BF16_VARIANT(gemm_bf16_nn_128x64, 128, 64, 4, 2, true, false, 2)
GEMM_BF16_VARIANT(gemm_bf16_tn_128x64, 128, 64, 4, 2, false, false, 2)

// fp32 -> bf16 packing into a row-padded layout: dst[r*dld + c] = src[r*sld + c] for c < cols,
// 0 for cols <= c < dld (the GEMM's zero padding), rounded to nearest even. A block per row
// (grid-stride over rows), each thread two columns, stored as one bf16x2 (dld is even).
extern "C" __global__ void pack_bf16(__nv_bfloat16* __restrict__ dst, const float* __restrict__ src,
                                     int rows, int cols, long long sld, int dld) {
  for (int r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* s = src + (long long)r * sld;
    __nv_bfloat162* d = reinterpret_cast<__nv_bfloat162*>(dst + (long long)r * dld);
    for (int c = 2 * threadIdx.x; c < dld; c += 2 * blockDim.x) {
      const float lo = c < cols ? s[c] : 0.0f;
      const float hi = c + 1 < cols ? s[c + 1] : 0.0f;
      d[c / 2] = __floats2bfloat162_rn(lo, hi);
    }
  }
}
