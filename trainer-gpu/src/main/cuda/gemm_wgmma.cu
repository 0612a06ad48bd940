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
#include <cuda_bf16.h>
#include <cstdint>

#include "gemm_common.cuh"

namespace wg {

constexpr int BM = 128;
constexpr int BN = 256;
constexpr int BK = 64;
constexpr int STAGES = 4;
constexpr int LAG = 2;  // (the body takes it as a template argument, checked there)
constexpr int CONSUMER_THREADS = 256;
constexpr int PRODUCER_THREADS = 128;
constexpr int THREADS = CONSUMER_THREADS + PRODUCER_THREADS;
constexpr int A_STAGE_BYTES = BM * BK * 2;  // 16 KB
constexpr int B_STAGE_BYTES = BN * BK * 2;  // 32 KB
// Stages plus slack to align the ring to 1024 bytes (the 128-byte swizzle's period).
constexpr int SMEM_BYTES = STAGES * (A_STAGE_BYTES + B_STAGE_BYTES) + 1024;

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
__device__ __forceinline__ void pin(float (&d)[128]) {
#pragma unroll
  for (int i = 0; i < 128; ++i) asm volatile("" : "+f"(d[i])::"memory");
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

__device__ __forceinline__ void zero(float (&d)[128]) {
#pragma unroll
  for (int i = 0; i < 128; ++i) d[i] = 0.0f;
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

// Epilogue of a warpgroup's 64x256 block at (r0, c0): C = alpha * acc + beta * C + bias, rows
// and columns outside M x N skipped. Accumulator j of thread (warp, lane) holds row
// 16*warp + lane/4 + 8*((j/2)%2), column 8*(j/4) + 2*(lane%4) + j%2 of the block. float2 stores
// where ldc is even and C 8-byte aligned.
__device__ __forceinline__ void store_tile(const float (&d)[128], float* C, int M, int N,
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
    for (int j = 0; j < 32; ++j) {
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

template <int GROUP_M>
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
  const int tilesM = (M + BM - 1) / BM;
  const int tilesN = (N + BN - 1) / BN;
  const int tiles = tilesM * tilesN * batches;
  const int blocks = gridDim.x * gridDim.y * gridDim.z;
  const int first = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
  const int kTiles = (K + BK - 1) / BK;
  const __nv_bfloat16* A16 = static_cast<const __nv_bfloat16*>(A);
  const __nv_bfloat16* B16 = static_cast<const __nv_bfloat16*>(B);

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
    // Producer warpgroup. `it` counts K slices over all of this block's tiles.
    const int t = threadIdx.x - CONSUMER_THREADS;
    int it = 0;
    for (int pid = first; pid < tiles; pid += blocks) {
      const Tile tile = tile_at<GROUP_M>(pid, tilesM, tilesN, inner, sAo, sAi, sBo, sBi, sCo, sCi);
      if (causal && tile.n0 > tile.m0 + BM - 1) continue;  // every n > m: masked scores
      for (int kt = 0; kt < kTiles; ++kt, ++it) {
        const int s = it % STAGES;
        if (it >= STAGES) mbar_wait(smem_u32(&empty_bar[s]), (it / STAGES - 1) & 1);
        if (!NO_RELOAD || it < STAGES) {
          load_slice<A_KMAJOR, BM>(sA + s * A_STAGE_BYTES, A16 + tile.a, lda, tile.m0, M,
                                   kt * BK, K, t);
          load_slice<B_KMAJOR, BN>(sB + s * B_STAGE_BYTES, B16 + tile.b, ldb, tile.n0, N,
                                   kt * BK, K, t);
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
    return;
  }

  // Consumer warpgroups.
  const int wg = threadIdx.x / 128;
  const int lane = threadIdx.x % 32;
  int it = 0;
  for (int pid = first; pid < tiles; pid += blocks) {
    const Tile tile = tile_at<GROUP_M>(pid, tilesM, tilesN, inner, sAo, sAi, sBo, sBi, sCo, sCi);
    if (causal && tile.n0 > tile.m0 + BM - 1) continue;
    float d[128];
    zero(d);
    for (int kt = 0; kt < kTiles; ++kt, ++it) {
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

// Dynamic shared memory every variant needs (WgmmaGemm.SHARED_BYTES mirrors it).
static_assert(wg::SMEM_BYTES == 197632, "update WgmmaGemm.SHARED_BYTES");

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
