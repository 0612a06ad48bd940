// Shared by the Hopper wgmma GEMM kernels (gemm_wgmma.cu: two warpgroups on one 128x256 tile;
// gemm_wgmma_pingpong.cu: each warpgroup on its own 128x128 tile, taking turns): the async-copy
// and mbarrier wrappers, the wgmma descriptors and instructions, the producer's slice copy into
// the 128-byte-swizzled stage layout, the epilogue of a warpgroup's 64-row block and the tile
// order.
// sm_90a only.
#pragma once
#include <cuda_bf16.h>
#include <cstdint>

#include "gemm_common.cuh"

namespace wg {

constexpr int BK = 64;                 // K depth of a stage
constexpr int PRODUCER_THREADS = 128;  // the copying warpgroup
constexpr int LAG = 2;  // slices of copies in flight before signalling (bodies check <= STAGES-2)

__device__ __forceinline__ uint32_t smem_u32(const void* p) {
  return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}

__device__ __forceinline__ void cp_async16(uint32_t dst, const void* src, int bytes) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(bytes)
               : "memory");
}
__device__ __forceinline__ void cp_async_commit() {
  asm volatile("cp.async.commit_group;\n" ::: "memory");
}
template <int N>
__device__ __forceinline__ void cp_async_wait() {
  asm volatile("cp.async.wait_group %0;\n" ::"n"(N) : "memory");
}
// Orders this thread's completed generic-proxy writes (cp.async) before later async-proxy reads
// (wgmma) that an mbarrier hands them to.
__device__ __forceinline__ void fence_proxy_async() {
  asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory");
}

__device__ __forceinline__ void mbar_init(uint32_t bar, int count) {
  asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" ::"r"(bar), "r"(count) : "memory");
}
__device__ __forceinline__ void mbar_arrive(uint32_t bar) {
  asm volatile("mbarrier.arrive.shared::cta.b64 _, [%0];\n" ::"r"(bar) : "memory");
}
__device__ __forceinline__ void mbar_wait(uint32_t bar, int parity) {
  uint32_t done;
  do {
    asm volatile(
        "{\n .reg .pred p;\n"
        " mbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2;\n"
        " selp.u32 %0, 1, 0, p;\n}\n"
        : "=r"(done)
        : "r"(bar), "r"(parity)
        : "memory");
  } while (!done);
}

// wgmma shared-memory matrix descriptor, 128-byte swizzle. lbo/sbo in bytes.
__device__ __forceinline__ uint64_t smem_desc(uint32_t addr, uint32_t lbo, uint32_t sbo) {
  return static_cast<uint64_t>((addr & 0x3FFFF) >> 4) |
         (static_cast<uint64_t>(lbo >> 4) << 16) | (static_cast<uint64_t>(sbo >> 4) << 32) |
         (1ull << 62);
}

// K-major: 8-row groups 1024 bytes apart (SBO); LBO unused with swizzling (1 by convention).
// MN-major: 64-element MN atoms 8192 bytes apart (LBO: an atom holds all 64 K rows), 8-row K
// groups 1024 bytes apart (SBO).
template <bool KMAJOR>
__device__ __forceinline__ uint64_t operand_desc(uint32_t addr) {
  return KMAJOR ? smem_desc(addr, 16, 1024) : smem_desc(addr, 8192, 1024);
}
// Byte step between the four k16 slices of a 64-deep stage.
template <bool KMAJOR>
__host__ __device__ constexpr uint32_t k16_step() {
  return KMAJOR ? 32 : 2048;
}

__device__ __forceinline__ void wgmma_fence() {
  asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory");
}
__device__ __forceinline__ void wgmma_commit() {
  asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory");
}
template <int N>
__device__ __forceinline__ void wgmma_wait() {
  asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(N) : "memory");
}
// Keeps the compiler from moving accumulator reads or writes across a wgmma wait or fence.
template <int R>
__device__ __forceinline__ void pin(float (&d)[R]) {
#pragma unroll
  for (int i = 0; i < R; ++i) asm volatile("" : "+f"(d[i])::"memory");
}

// D(64x256, fp32) += A(64x16) * B(16x256), both from shared memory.
template <int TRANS_A, int TRANS_B>
__device__ __forceinline__ void wgmma_m64n256k16(float (&d)[128], uint64_t da, uint64_t db) {
  asm volatile(
      "{\n"
      "wgmma.mma_async.sync.aligned.m64n256k16.f32.bf16.bf16 {"
      "%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, "
      "%18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, "
      "%34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, "
      "%50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63, %64, %65, "
      "%66, %67, %68, %69, %70, %71, %72, %73, %74, %75, %76, %77, %78, %79, %80, %81, "
      "%82, %83, %84, %85, %86, %87, %88, %89, %90, %91, %92, %93, %94, %95, %96, %97, "
      "%98, %99, %100, %101, %102, %103, %104, %105, %106, %107, %108, %109, %110, "
      "%111, %112, %113, %114, %115, %116, %117, %118, %119, %120, %121, %122, %123, "
      "%124, %125, %126, %127 "
      "}, %128, %129, 1, 1, 1, %130, %131;\n"
      "}\n"
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]),
        "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]),
        "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]),
        "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]),
        "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]),
        "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]),
        "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]),
        "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]), "+f"(d[48]),
        "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]), "+f"(d[54]),
        "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]), "+f"(d[60]),
        "+f"(d[61]), "+f"(d[62]), "+f"(d[63]), "+f"(d[64]), "+f"(d[65]), "+f"(d[66]),
        "+f"(d[67]), "+f"(d[68]), "+f"(d[69]), "+f"(d[70]), "+f"(d[71]), "+f"(d[72]),
        "+f"(d[73]), "+f"(d[74]), "+f"(d[75]), "+f"(d[76]), "+f"(d[77]), "+f"(d[78]),
        "+f"(d[79]), "+f"(d[80]), "+f"(d[81]), "+f"(d[82]), "+f"(d[83]), "+f"(d[84]),
        "+f"(d[85]), "+f"(d[86]), "+f"(d[87]), "+f"(d[88]), "+f"(d[89]), "+f"(d[90]),
        "+f"(d[91]), "+f"(d[92]), "+f"(d[93]), "+f"(d[94]), "+f"(d[95]), "+f"(d[96]),
        "+f"(d[97]), "+f"(d[98]), "+f"(d[99]), "+f"(d[100]), "+f"(d[101]), "+f"(d[102]),
        "+f"(d[103]), "+f"(d[104]), "+f"(d[105]), "+f"(d[106]), "+f"(d[107]), "+f"(d[108]),
        "+f"(d[109]), "+f"(d[110]), "+f"(d[111]), "+f"(d[112]), "+f"(d[113]), "+f"(d[114]),
        "+f"(d[115]), "+f"(d[116]), "+f"(d[117]), "+f"(d[118]), "+f"(d[119]), "+f"(d[120]),
        "+f"(d[121]), "+f"(d[122]), "+f"(d[123]), "+f"(d[124]), "+f"(d[125]), "+f"(d[126]),
        "+f"(d[127])
      : "l"(da), "l"(db), "n"(TRANS_A), "n"(TRANS_B)
      : "memory");
}

// D(64x128, fp32) += A(64x16) * B(16x128), both from shared memory.
template <int TRANS_A, int TRANS_B>
__device__ __forceinline__ void wgmma_m64n128k16(float (&d)[64], uint64_t da, uint64_t db) {
  asm volatile(
      "{\n"
      "wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 {"
      "%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, "
      "%18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, "
      "%34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, "
      "%50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63 "
      "}, %64, %65, 1, 1, 1, %66, %67;\n"
      "}\n"
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]),
        "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]),
        "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]),
        "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]),
        "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]),
        "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]),
        "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]),
        "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]), "+f"(d[48]), "+f"(d[49]),
        "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]), "+f"(d[54]), "+f"(d[55]),
        "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]), "+f"(d[60]), "+f"(d[61]),
        "+f"(d[62]), "+f"(d[63])
      : "l"(da), "l"(db), "n"(TRANS_A), "n"(TRANS_B)
      : "memory");
}

template <int R>
__device__ __forceinline__ void zero(float (&d)[R]) {
#pragma unroll
  for (int i = 0; i < R; ++i) d[i] = 0.0f;
  pin(d);
}

// One 64-deep K slice of a warpgroup's 64x256 block from the stage at smem addresses a (its 64
// rows of A) and b (B): four k16 wgmmas as one group, then wait until at most this group is in
// flight, i.e. the previous slice's products are done.
template <bool A_KMAJOR, bool B_KMAJOR>
__device__ __forceinline__ void mma_slice(float (&d)[128], uint32_t a, uint32_t b) {
  wgmma_fence();
#pragma unroll
  for (int kk = 0; kk < BK / 16; ++kk) {
    wgmma_m64n256k16<A_KMAJOR ? 0 : 1, B_KMAJOR ? 0 : 1>(
        d, operand_desc<A_KMAJOR>(a + kk * k16_step<A_KMAJOR>()),
        operand_desc<B_KMAJOR>(b + kk * k16_step<B_KMAJOR>()));
  }
  wgmma_commit();
  wgmma_wait<1>();
}

// One 64-deep K slice of a warpgroup's 128x128 block: A's two 64-row halves (8192 bytes apart in
// both majors) times the stage's 128 columns of B into d0 and d1, eight k16 wgmmas as one group,
// then wait as mma_slice does.
template <bool A_KMAJOR, bool B_KMAJOR>
__device__ __forceinline__ void mma_slice_2x128(float (&d0)[64], float (&d1)[64], uint32_t a,
                                                uint32_t b) {
  wgmma_fence();
#pragma unroll
  for (int kk = 0; kk < BK / 16; ++kk) {
    const uint64_t db = operand_desc<B_KMAJOR>(b + kk * k16_step<B_KMAJOR>());
    wgmma_m64n128k16<A_KMAJOR ? 0 : 1, B_KMAJOR ? 0 : 1>(
        d0, operand_desc<A_KMAJOR>(a + kk * k16_step<A_KMAJOR>()), db);
    wgmma_m64n128k16<A_KMAJOR ? 0 : 1, B_KMAJOR ? 0 : 1>(
        d1, operand_desc<A_KMAJOR>(a + 8192 + kk * k16_step<A_KMAJOR>()), db);
  }
  wgmma_commit();
  wgmma_wait<1>();
}

// Copies one 64-deep K slice of an operand tile with R rows of M (or N) into a stage.
// KMAJOR: global rows are M/N (ld apart), 64 K elements = 8 chunks each; smem row r at r*128,
//   chunk c at ((c ^ (r & 7)) * 16).
// MN-major: global rows are K (ld apart), R M/N elements = R/8 chunks each; smem atom a = chunk/8
//   at a*8192, K row k at k*128 inside it, chunk c = chunk%8 at ((c ^ (k & 7)) * 16).
template <bool KMAJOR, int R>
__device__ __forceinline__ void load_slice(uint32_t stage, const __nv_bfloat16* g, int ld, int mn0,
                                           int MN, int k0, int K, int t) {
  constexpr int PER_THREAD = R * 8 / PRODUCER_THREADS;
#pragma unroll
  for (int i = 0; i < PER_THREAD; ++i) {
    const int q = t + i * PRODUCER_THREADS;
    const __nv_bfloat16* src;
    uint32_t off;
    bool ok;
    if (KMAJOR) {
      const int r = q >> 3;
      const int c = q & 7;
      ok = (mn0 + r < MN) && (k0 + c * 8 < K);
      src = g + static_cast<long long>(mn0 + r) * ld + k0 + c * 8;
      off = r * 128 + ((c ^ (r & 7)) << 4);
    } else {
      constexpr int CPR = R / 8;  // chunks per K row
      const int kr = q / CPR;
      const int cn = q % CPR;
      ok = (k0 + kr < K) && (mn0 + cn * 8 < MN);
      src = g + static_cast<long long>(k0 + kr) * ld + mn0 + cn * 8;
      off = (cn >> 3) * 8192 + kr * 128 + (((cn & 7) ^ (kr & 7)) << 4);
    }
    cp_async16(stage + off, ok ? src : g, ok ? 16 : 0);
  }
}

// Epilogue of a warpgroup's 64 x 2R block at (r0, c0) (R accumulators per thread: 64x256 with
// R = 128, 64x128 with R = 64): C = alpha * acc + beta * C + bias, rows and columns outside M x N
// skipped. Accumulator j of thread (warp, lane) holds row 16*warp + lane/4 + 8*((j/2)%2), column
// 8*(j/4) + 2*(lane%4) + j%2 of the block. float2 stores where ldc is even and C 8-byte aligned.
template <int R>
__device__ __forceinline__ void store_tile(const float (&d)[R], float* C, int M, int N,
                                           int ldc, int r0, int c0, float alpha, float beta,
                                           const float* bias) {
  const int warp = (threadIdx.x / 32) % 4;
  const int lane = threadIdx.x % 32;
  const int row0 = r0 + warp * 16 + lane / 4;
  const int col0 = c0 + 2 * (lane % 4);
  const bool pairs = ((ldc & 1) == 0) && ((reinterpret_cast<uintptr_t>(C) & 7) == 0);
#pragma unroll
  for (int h = 0; h < 2; ++h) {
    const int row = row0 + 8 * h;
    if (row >= M) continue;
    float* crow = C + static_cast<long long>(row) * ldc;
#pragma unroll
    for (int j = 0; j < R / 4; ++j) {
      const int col = col0 + 8 * j;
      if (col >= N) continue;
      float v0 = alpha * d[4 * j + 2 * h];
      float v1 = alpha * d[4 * j + 2 * h + 1];
      if (pairs && col + 1 < N) {
        float2* p = reinterpret_cast<float2*>(crow + col);
        if (beta != 0.0f) {
          const float2 old = *p;
          v0 += beta * old.x;
          v1 += beta * old.y;
        }
        if (bias != nullptr) {
          v0 += bias[col];
          v1 += bias[col + 1];
        }
        *p = make_float2(v0, v1);
      } else {
        if (beta != 0.0f) v0 += beta * crow[col];
        if (bias != nullptr) v0 += bias[col];
        crow[col] = v0;
        if (col + 1 < N) {
          if (beta != 0.0f) v1 += beta * crow[col + 1];
          if (bias != nullptr) v1 += bias[col + 1];
          crow[col + 1] = v1;
        }
      }
    }
  }
}

// Output tile `pid` of the linear tile space (batch-major; inside a batch, groups of GROUP_M
// tile rows walked down their rows before moving right, so that the tiles in flight at one time
// share a few row panels of A and column panels of B in L2).
struct Tile {
  int m0, n0;
  long long a, b, c;  // batch entry offsets of A, B, C in elements
};

template <int BM, int BN, int GROUP_M>
__device__ __forceinline__ Tile tile_at(int pid, int tilesM, int tilesN, int inner, long long sAo,
                                        long long sAi, long long sBo, long long sBi,
                                        long long sCo, long long sCi) {
  const int perBatch = tilesM * tilesN;
  const int z = pid / perBatch;
  const int r = pid - z * perBatch;
  const int perGroup = GROUP_M * tilesN;
  const int group = r / perGroup;
  const int firstM = group * GROUP_M;
  const int groupRows = min(tilesM - firstM, GROUP_M);
  const int inGroup = r - group * perGroup;
  const int zo = z / inner;
  const int zi = z - zo * inner;
  Tile t;
  t.m0 = (firstM + inGroup % groupRows) * BM;
  t.n0 = (inGroup / groupRows) * BN;
  t.a = zo * sAo + zi * sAi;
  t.b = zo * sBo + zi * sBi;
  t.c = zo * sCo + zi * sCi;
  return t;
}

// A block's walk over the batches x tilesM x tilesN output tiles of BM x BN: tiles first,
// first + blocks, ... (one when the grid has a block per tile), each a K loop of kTiles slices.
struct TileWalk {
  int tilesM, tilesN, tiles, blocks, first, kTiles;
};

template <int BM, int BN>
__device__ __forceinline__ TileWalk tile_walk(int M, int N, int K, int batches) {
  TileWalk w;
  w.tilesM = (M + BM - 1) / BM;
  w.tilesN = (N + BN - 1) / BN;
  w.tiles = w.tilesM * w.tilesN * batches;
  w.blocks = gridDim.x * gridDim.y * gridDim.z;
  w.first = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
  w.kTiles = (K + BK - 1) / BK;
  return w;
}

// The producer warpgroup's loop (thread t of PRODUCER_THREADS): the K slices of the tiles of
// the block's walk that it computes (causal tiles wholly above the
// diagonal skipped, as the consumers skip them), in order, into the STAGES-deep ring of BM x 64 A
// and BN x 64 B stages at sA and sB. A stage is refilled once its "empty" barrier completes;
// "full" is signalled LAG_ slices behind the copies, and for the last LAG_ at the end. NO_RELOAD
// loads only the first STAGES slices and then reuses them: a compute ceiling, wrong results.
template <bool A_KMAJOR, bool B_KMAJOR, int BM, int BN, int STAGES, int GROUP_M, int LAG_,
          bool NO_RELOAD>
__device__ __forceinline__ void produce(GEMM_PARAMS, uint32_t sA, uint32_t sB,
                                        uint64_t* full_bar, uint64_t* empty_bar,
                                        const TileWalk& w, int t) {
  constexpr int A_STAGE_BYTES = BM * BK * 2;
  constexpr int B_STAGE_BYTES = BN * BK * 2;
  const __nv_bfloat16* A16 = static_cast<const __nv_bfloat16*>(A);
  const __nv_bfloat16* B16 = static_cast<const __nv_bfloat16*>(B);
  int it = 0;  // K slices over all of the block's tiles
  for (int pid = w.first; pid < w.tiles; pid += w.blocks) {
    const Tile tile =
        tile_at<BM, BN, GROUP_M>(pid, w.tilesM, w.tilesN, inner, sAo, sAi, sBo, sBi, sCo, sCi);
    if (causal && tile.n0 > tile.m0 + BM - 1) continue;  // every n > m: masked scores
    for (int kt = 0; kt < w.kTiles; ++kt, ++it) {
      const int s = it % STAGES;
      if (it >= STAGES) mbar_wait(smem_u32(&empty_bar[s]), (it / STAGES - 1) & 1);
      if (!NO_RELOAD || it < STAGES) {
        load_slice<A_KMAJOR, BM>(sA + s * A_STAGE_BYTES, A16 + tile.a, lda, tile.m0, M, kt * BK,
                                 K, t);
        load_slice<B_KMAJOR, BN>(sB + s * B_STAGE_BYTES, B16 + tile.b, ldb, tile.n0, N, kt * BK,
                                 K, t);
      }
      cp_async_commit();
      if (it >= LAG_) {
        cp_async_wait<LAG_>();
        fence_proxy_async();
        mbar_arrive(smem_u32(&full_bar[(it - LAG_) % STAGES]));
      }
    }
  }
  cp_async_wait<0>();
  fence_proxy_async();
  for (int j = max(it - LAG_, 0); j < it; ++j) mbar_arrive(smem_u32(&full_bar[j % STAGES]));
}

}  // namespace wg
