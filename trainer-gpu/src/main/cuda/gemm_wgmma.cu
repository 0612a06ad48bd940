// build-kernels: sm_90a
// Hopper (sm_90a) bf16 GEMM on the warpgroup tensor-core instructions (wgmma), same problem and
// parameter list as gemm_bf16.cu (see gemm_common.cuh):
//   C(m, n) = alpha * sum_k A(m, k) * B(k, n) + beta * C(m, n) + bias[n],  fp32 C.
//
// A block computes a 128x256 tile of C with 12 warps:
//   warps 0-7  two consumer warpgroups; warpgroup w owns rows 64w..64w+63 of the tile and issues
//              wgmma.mma_async m64n256k16 (fp32 accumulators in registers: 128 per thread)
//              reading both operands from shared memory through matrix descriptors;
//   warps 8-11 a producer warpgroup that copies 64-deep K slices of A (128 x 64) and B (256 x 64)
//              from global memory into a 4-stage ring with cp.async (16 bytes per copy, zero-fill
//              outside M, N and K), in the 128-byte-swizzled layout wgmma reads.
// Hand-off per stage with two mbarriers: "full" (every producer thread arrives once its copies of
// that stage have landed and it has fenced them for the async proxy) and "empty" (each consumer
// warp arrives once the wgmma that read the stage has completed). Producers keep LAG stages of
// copies in flight before signalling; LAG <= STAGES - 2 because consumers release stage k - 1
// only after issuing stage k.
// A block works through tiles block, block + blocks, ...: one tile when the grid has a block per
// tile, several with a persistent grid (a block per SM); the ring runs on across tiles, so the
// producer fills the next tile's first stages during the previous tile's epilogue.
//
// Layouts: A K-major ([M][K], nt/nn) or M-major ([K][M], tn); B K-major ([N][K], nt) or N-major
// ([K][N], nn/tn). K-major tiles are rows of 64 elements (128 bytes), 16-byte chunks XOR-swizzled
// by (row & 7); MN-major tiles are atoms of 64 M/N elements x 64 K rows, the same swizzle by
// (k & 7), and wgmma reads them transposed (imm-trans = 1).
//
// Requirements (as for gemm_bf16.cu): operand pointers 16-byte aligned, leading dimensions and
// batch strides multiples of 8 elements, zeros in the padding up to the leading dimension (K that
// is not a multiple of 8 reads that padding). Any M, N, K >= 1. sm_90a only: the fatbin holds no
// PTX, so the module does not load on other GPUs (WgmmaGemm checks the compute capability).
#include "wgmma_common.cuh"

namespace wg {

constexpr int BM = 128;
constexpr int BN = 256;
constexpr int STAGES = 4;
constexpr int CONSUMER_THREADS = 256;
constexpr int THREADS = CONSUMER_THREADS + PRODUCER_THREADS;
constexpr int A_STAGE_BYTES = BM * BK * 2;  // 16 KB
constexpr int B_STAGE_BYTES = BN * BK * 2;  // 32 KB
// Stages plus slack to align the ring to 1024 bytes (the 128-byte swizzle's period).
constexpr int SMEM_BYTES = STAGES * (A_STAGE_BYTES + B_STAGE_BYTES) + 1024;

// Works through output tiles pid = block, block + blocks, ... of the batches x tilesM x tilesN
// tiles: one tile per block when the grid covers them all, several when the grid is persistent
// (one block per SM). The stage ring and its barrier phases run on across tiles, so the producer
// loads the next tile's first slices while the consumers finish the previous tile's epilogue.
// GROUP_M, LAG_ and NO_RELOAD are tuning and diagnostic knobs (the gemm_wgmma_diag_* kernels);
// NO_RELOAD loads only the first STAGES slices and then reuses them: a compute ceiling, wrong
// results.
template <bool A_KMAJOR, bool B_KMAJOR, int GROUP_M = 8, int LAG_ = LAG, bool NO_RELOAD = false>
__device__ __forceinline__ void gemm_wgmma_body(GEMM_PARAMS, int batches) {
  static_assert(LAG_ >= 0 && LAG_ <= STAGES - 2, "consumers release a stage one k-step late");
  const TileWalk w = tile_walk<BM, BN>(M, N, K, batches);

  extern __shared__ unsigned char smem_raw[];
  __shared__ __align__(8) uint64_t full_bar[STAGES];
  __shared__ __align__(8) uint64_t empty_bar[STAGES];
  const uint32_t base = (smem_u32(smem_raw) + 1023u) & ~1023u;
  const uint32_t sA = base;                           // STAGES x 16 KB
  const uint32_t sB = base + STAGES * A_STAGE_BYTES;  // STAGES x 32 KB

  if (threadIdx.x == 0) {
#pragma unroll
    for (int s = 0; s < STAGES; ++s) {
      mbar_init(smem_u32(&full_bar[s]), PRODUCER_THREADS);
      mbar_init(smem_u32(&empty_bar[s]), CONSUMER_THREADS / 32);
    }
  }
  __syncthreads();

  if (threadIdx.x >= CONSUMER_THREADS) {
    produce<A_KMAJOR, B_KMAJOR, BM, BN, STAGES, GROUP_M, LAG_, NO_RELOAD>(
        GEMM_ARGS, sA, sB, full_bar, empty_bar, w, threadIdx.x - CONSUMER_THREADS);
    return;
  }

  // Consumer warpgroups.
  const int wg = threadIdx.x / 128;
  const int lane = threadIdx.x % 32;
  int it = 0;
  for (int pid = w.first; pid < w.tiles; pid += w.blocks) {
    const Tile tile = tile_at<BM, BN, GROUP_M>(pid, w.tilesM, w.tilesN, inner, sAo, sAi, sBo, sBi,
                                                    sCo, sCi);
    if (causal && tile.n0 > tile.m0 + BM - 1) continue;
    float d[128];
    zero(d);
    for (int kt = 0; kt < w.kTiles; ++kt, ++it) {
      const int s = it % STAGES;
      mbar_wait(smem_u32(&full_bar[s]), (it / STAGES) & 1);
      // A: warpgroup wg's 64 rows start 8192 bytes in for both majors (64 K-major rows of 128
      // bytes, or the second 64-element M atom).
      mma_slice<A_KMAJOR, B_KMAJOR>(d, sA + s * A_STAGE_BYTES + wg * 8192, sB + s * B_STAGE_BYTES);
      // The previous slice's products are done (mma_slice waits for all but the last group):
      // hand its stage back.
      if (kt > 0 && lane == 0) mbar_arrive(smem_u32(&empty_bar[(it - 1) % STAGES]));
    }
    wgmma_wait<0>();
    pin(d);
    if (lane == 0) mbar_arrive(smem_u32(&empty_bar[(it - 1) % STAGES]));

    store_tile(d, C + tile.c, M, N, ldc, tile.m0 + wg * 64, tile.n0, alpha, beta, bias);
  }
}

}  // namespace wg

// Dynamic shared memory every variant needs (WgmmaSchedule.COOPERATIVE mirrors it).
static_assert(wg::SMEM_BYTES == 197632, "update WgmmaSchedule.COOPERATIVE");

// Parameters: gemm_bf16's (GEMM_PARAMS) and the batch count. Launch either one block per tile
// (grid tilesN x tilesM x batches) or a persistent grid (x = one block per SM, each looping).
#define GEMM_WGMMA_VARIANT(NAME, ...)                                                       \
  extern "C" __global__ void __launch_bounds__(wg::THREADS, 1) NAME(GEMM_PARAMS, int batches) { \
    wg::gemm_wgmma_body<__VA_ARGS__>(GEMM_ARGS, batches);                                   \
  }

// nt: A K-major, B K-major = inp * W^T; nn: A K-major, B N-major = dout * W;
// tn: A M-major, B N-major = dout^T * inp.
GEMM_WGMMA_VARIANT(gemm_wgmma_nt_128x256, true, true)
GEMM_WGMMA_VARIANT(gemm_wgmma_nn_128x256, true, false)
GEMM_WGMMA_VARIANT(gemm_wgmma_tn_128x256, false, false)

// Diagnostics for WgmmaGemmBench (NT only): tile groups of 16 rows, signalling after one slice
// in flight instead of two, and the compute ceiling without reloads (wrong results).
GEMM_WGMMA_VARIANT(gemm_wgmma_diag_nt_group16, true, true, 16)
GEMM_WGMMA_VARIANT(gemm_wgmma_diag_nt_lag1, true, true, 8, 1)
GEMM_WGMMA_VARIANT(gemm_wgmma_diag_nt_noreload, true, true, 8, 2, true)
