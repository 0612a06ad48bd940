// build-kernels: sm_90a
// Hopper bf16 GEMM, "ping-pong" schedule: the problem, parameters and operand layouts of
// gemm_wgmma.cu (C = alpha * A*B + beta * C + bias, fp32 C), but each consumer warpgroup owns its
// own 128x128 output tile (two 64x128 halves, wgmma m64n128k16) instead of half of a shared
// 128x256 one, and the two take turns on the tensor cores: warpgroup 0 runs the K loop of the
// block's tiles 0, 2, 4, ..., warpgroup 1 that of tiles 1, 3, 5, ..., each starting only once
// the other has issued its last slice. So one warpgroup's epilogue (the fp32 stores, a large
// part of a tile's time when K is short) overlaps the other's products, where the shared tile
// leaves the tensor cores idle while both store.
//
// Why turns rather than two free-running warpgroups: the single producer fills one ring in tile
// order, and a consumer may wait for a slice at most one ring lap ahead of the last one filled
// (mbarrier parity waits cannot tell laps apart). Taking turns keeps the waiting warpgroup within
// that lap: when its turn comes, every slice of the other's tile has been filled.
//
// Cost: a stage carries 32 KB for 128x128x64 products, against 48 KB for the cooperative
// 128x256x64, so the ring moves 1.33x more bytes per product from L2 (8192^3: 418 against 517
// TFLOP/s); the smaller tiles also fill the last wave better. WgmmaGemm.choose says where each
// schedule runs. 6 stages. (A 64x256 tile per warpgroup, 1.67x the bytes, measured slower than
// 128x128 on every GPT-2 product that either won; docs/benchmarks.md.)
// Barriers: full/empty per stage as in gemm_wgmma.cu (empty counts the 4 warps of the owning
// warpgroup), and done[w], completed each time warpgroup w has issued a tile's last slice.
#include "wgmma_common.cuh"

namespace wgpp {

using namespace wg;

constexpr int BM = 128;  // a warpgroup's tile
constexpr int BN = 128;
constexpr int STAGES = 6;
constexpr int CONSUMER_THREADS = 256;
constexpr int THREADS = CONSUMER_THREADS + PRODUCER_THREADS;
constexpr int A_STAGE_BYTES = BM * BK * 2;  // 16 KB
constexpr int B_STAGE_BYTES = BN * BK * 2;  // 16 KB
// Stages plus slack to align the ring to 1024 bytes (the 128-byte swizzle's period).
constexpr int SMEM_BYTES = STAGES * (A_STAGE_BYTES + B_STAGE_BYTES) + 1024;

template <bool A_KMAJOR, bool B_KMAJOR>
__device__ __forceinline__ void gemm_pingpong_body(GEMM_PARAMS, int batches) {
  static_assert(LAG <= STAGES - 2, "consumers release a stage one k-step late");
  constexpr int GROUP_M = 8;  // tile rows walked down together (tile_at)
  const TileWalk w = tile_walk<BM, BN>(M, N, K, batches);

  extern __shared__ unsigned char smem_raw[];
  __shared__ __align__(8) uint64_t full_bar[STAGES];
  __shared__ __align__(8) uint64_t empty_bar[STAGES];
  __shared__ __align__(8) uint64_t done_bar[2];
  const uint32_t base = (smem_u32(smem_raw) + 1023u) & ~1023u;
  const uint32_t sA = base;
  const uint32_t sB = base + STAGES * A_STAGE_BYTES;

  if (threadIdx.x == 0) {
#pragma unroll
    for (int s = 0; s < STAGES; ++s) {
      mbar_init(smem_u32(&full_bar[s]), PRODUCER_THREADS);
      mbar_init(smem_u32(&empty_bar[s]), 4);
    }
    mbar_init(smem_u32(&done_bar[0]), 4);
    mbar_init(smem_u32(&done_bar[1]), 4);
  }
  __syncthreads();

  if (threadIdx.x >= CONSUMER_THREADS) {
    // as in gemm_wgmma.cu: every computed tile's slices, in tile order
    produce<A_KMAJOR, B_KMAJOR, BM, BN, STAGES, GROUP_M, LAG, false>(
        GEMM_ARGS, sA, sB, full_bar, empty_bar, w, threadIdx.x - CONSUMER_THREADS);
    return;
  }

  // Consumer warpgroup wg: the block's computed tiles j with j % 2 == wg. `it` counts slices of
  // all computed tiles, as the producer does; `mine` counts this warpgroup's tiles.
  const int wg = threadIdx.x / 128;
  const int lane = threadIdx.x % 32;
  int it = 0;
  int j = 0;
  int mine = 0;
  for (int pid = w.first; pid < w.tiles; pid += w.blocks) {
    const Tile tile =
        tile_at<BM, BN, GROUP_M>(pid, w.tilesM, w.tilesN, inner, sAo, sAi, sBo, sBi, sCo, sCi);
    if (causal && tile.n0 > tile.m0 + BM - 1) continue;
    if ((j++ & 1) != wg) {
      it += w.kTiles;
      continue;
    }
    // Turn: wait until the tile before this one, the other warpgroup's, has issued its last
    // slice. Warpgroup 1's tile number `mine` follows warpgroup 0's tile number `mine`; warpgroup
    // 0's follows warpgroup 1's number `mine - 1` (its first tile follows none).
    const int waitFor = wg == 1 ? mine : mine - 1;
    if (waitFor >= 0) mbar_wait(smem_u32(&done_bar[1 - wg]), waitFor & 1);
    ++mine;
    // the tile's rows 0-63 in d0, 64-127 in d1
    float d0[64];
    float d1[64];
    zero(d0);
    zero(d1);
    for (int kt = 0; kt < w.kTiles; ++kt, ++it) {
      const int s = it % STAGES;
      mbar_wait(smem_u32(&full_bar[s]), (it / STAGES) & 1);
      mma_slice_2x128<A_KMAJOR, B_KMAJOR>(d0, d1, sA + s * A_STAGE_BYTES, sB + s * B_STAGE_BYTES);
      if (kt > 0 && lane == 0) mbar_arrive(smem_u32(&empty_bar[(it - 1) % STAGES]));
    }
    // Every slice of this tile is issued: the other warpgroup may start its K loop.
    if (lane == 0) mbar_arrive(smem_u32(&done_bar[wg]));
    wgmma_wait<0>();
    pin(d0);
    pin(d1);
    if (lane == 0) mbar_arrive(smem_u32(&empty_bar[(it - 1) % STAGES]));

    store_tile(d0, C + tile.c, M, N, ldc, tile.m0, tile.n0, alpha, beta, bias);
    store_tile(d1, C + tile.c, M, N, ldc, tile.m0 + 64, tile.n0, alpha, beta, bias);
  }
}

}  // namespace wgpp

// Dynamic shared memory (WgmmaSchedule.PINGPONG mirrors it).
static_assert(wgpp::SMEM_BYTES == 197632, "update WgmmaSchedule.PINGPONG");

// Same parameters and grids as gemm_wgmma.cu's kernels (a persistent grid is what lets a block
// hold two tiles to alternate).
#define GEMM_PINGPONG_VARIANT(NAME, ...)                                                     \
  extern "C" __global__ void __launch_bounds__(wgpp::THREADS, 1) NAME(GEMM_PARAMS,            \
                                                                      int batches) {          \
    wgpp::gemm_pingpong_body<__VA_ARGS__>(GEMM_ARGS, batches);                                \
  }

GEMM_PINGPONG_VARIANT(gemm_wgmma_pp_nt_128x128, true, true)
GEMM_PINGPONG_VARIANT(gemm_wgmma_pp_nn_128x128, true, false)
GEMM_PINGPONG_VARIANT(gemm_wgmma_pp_tn_128x128, false, false)
