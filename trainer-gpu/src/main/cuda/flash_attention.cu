// Causal attention that never writes the T x T matrix (FlashAttention-2, Dao 2023): the forward
// pass keeps one log-sum-exp per query row, the backward pass recomputes the probabilities from
// Q, K and it. bf16 operands on the tensor cores (mma.sync m16n8k16), fp32 softmax statistics
// and accumulators.
//
// Layouts (the Backend contract's): qkv16 [B*T][ld] bf16, row b*T + t holding Q | K | V of all
// heads ([3][NH][HS]); out, dout, dqkv fp32 [B*T][C] and [B*T][3C]; out16 and dqkv16, when not
// null, their dense bf16 twins (written alongside); dout16 [B*T][ldo] bf16;
// lse and the rows' dot products (dout . out) fp32 [B][NH][T]. Requirements: HS a multiple of
// 16 (kernels for 32 and 64), ld and ldo multiples of 8 (16-byte rows for cp.async and ldmatrix).
//
// Blocks of 4 warps; a warp owns 16 rows (queries, or keys in the dK/dV kernel) of a 64-row
// tile and walks the 64-row tiles of the other side, double-buffered with cp.async. The
// backward pass is two kernels, dQ over query tiles and dK/dV over key tiles, each recomputing
// the probabilities, so every gradient element is summed in a fixed order by one thread: no
// atomics, the result is the same on every run.
#include <cuda_bf16.h>
#include "common.cuh"
#include "mma_common.cuh"

namespace {

constexpr int TILE = 64;  // rows of every tile (queries and keys)
constexpr int WARPS = 4;  // 4 x 16 rows
constexpr int THREADS = WARPS * 32;
constexpr int PAD = 8;    // bf16 per shared row: 16 bytes, so ldmatrix phases avoid bank conflicts
constexpr int NT = TILE / 8;  // n8 fragments across a tile's 64 columns

using bf16 = __nv_bfloat16;

template <int HS>
struct Shape {
  static constexpr int STRIDE = HS + PAD;          // shared row, elements
  static constexpr int ELEMS = TILE * STRIDE;      // one tile
  static constexpr int KSTEPS = HS / 16;           // k16 steps over the head dimension
  static constexpr int HN = HS / 8;                // n8 fragments across the head dimension
  static_assert(HS % 16 == 0, "head size must be a multiple of 16");
};

// Rows [r0, r0 + 64) of a [rows][HS] head slice (row stride ld) into a shared tile; rows at or
// past `rows` become zeros.
template <int HS>
__device__ __forceinline__ void load_tile(bf16* s, const bf16* g, long long ld, int r0, int rows) {
  constexpr int CHUNKS = HS / 8;
  for (int i = threadIdx.x; i < TILE * CHUNKS; i += THREADS) {
    const int r = i / CHUNKS;
    const int c = (i % CHUNKS) * 8;
    const bool valid = r0 + r < rows;
    cp_async16(smem_addr(s + r * Shape<HS>::STRIDE + c), valid ? g + (r0 + r) * ld + c : g, valid);
  }
}

// A fragment (16 x 16) of rows m0.. and columns k0.. of a row-major shared tile.
template <int HS>
__device__ __forceinline__ void load_a(uint32_t (&a)[4], const bf16* s, int m0, int k0, int lane) {
  ldmatrix_x4(a, smem_addr(s + (m0 + (lane & 15)) * Shape<HS>::STRIDE + k0 + (lane >> 4) * 8));
}

// B fragments of two adjacent n8 blocks (columns n0.. and n0 + 8..) for k rows k0..k0 + 15, where
// B(k, n) = s[n][k] (the tile holds B transposed: keys as rows for Q . K^T).
template <int HS>
__device__ __forceinline__ void load_b_rows(uint32_t (&b)[4], const bf16* s, int n0, int k0,
                                            int lane) {
  ldmatrix_x4(b, smem_addr(s + (n0 + (lane & 7) + ((lane >> 4) << 3)) * Shape<HS>::STRIDE + k0 +
                           ((lane >> 3) & 1) * 8));
}

// As load_b_rows where B(k, n) = s[k][n] (the tile holds B as is: keys as rows for P . V).
template <int HS>
__device__ __forceinline__ void load_b_cols(uint32_t (&b)[4], const bf16* s, int n0, int k0,
                                            int lane) {
  ldmatrix_x4_trans(b, smem_addr(s + (k0 + (lane & 7) + ((lane >> 3) & 1) * 8) * Shape<HS>::STRIDE +
                                 n0 + (lane >> 4) * 8));
}

__device__ __forceinline__ uint32_t pack_bf16x2(float lo, float hi) {
  __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
  return *reinterpret_cast<uint32_t*>(&v);
}

// The A fragment for k16 step kk of a 16 x 64 accumulator (the C layout of n8 blocks 2kk and
// 2kk + 1 is the A layout of their 16 columns).
__device__ __forceinline__ void acc_to_a(uint32_t (&a)[4], const float (&acc)[NT][4], int kk) {
  a[0] = pack_bf16x2(acc[2 * kk][0], acc[2 * kk][1]);
  a[1] = pack_bf16x2(acc[2 * kk][2], acc[2 * kk][3]);
  a[2] = pack_bf16x2(acc[2 * kk + 1][0], acc[2 * kk + 1][1]);
  a[3] = pack_bf16x2(acc[2 * kk + 1][2], acc[2 * kk + 1][3]);
}

// acc (16 x 64) = rows m0.. of sa (16 x HS) times the tile sb transposed (64 x HS): scores.
template <int HS>
__device__ __forceinline__ void product_abt(float (&acc)[NT][4], const bf16* sa, int m0,
                                            const bf16* sb, int lane) {
#pragma unroll
  for (int j = 0; j < NT; ++j)
#pragma unroll
    for (int e = 0; e < 4; ++e) acc[j][e] = 0.0f;
#pragma unroll
  for (int kk = 0; kk < Shape<HS>::KSTEPS; ++kk) {
    uint32_t a[4];
    load_a<HS>(a, sa, m0, kk * 16, lane);
#pragma unroll
    for (int j = 0; j < NT; j += 2) {
      uint32_t b[4];
      load_b_rows<HS>(b, sb, j * 8, kk * 16, lane);
      mma_bf16(acc[j], a, b[0], b[1]);
      mma_bf16(acc[j + 1], a, b[2], b[3]);
    }
  }
}

// out (16 x HS) += p (16 x 64, accumulator layout, rounded to bf16) times the tile sb (64 x HS).
template <int HS>
__device__ __forceinline__ void product_acc_b(float (&out)[Shape<HS>::HN][4], const float (&p)[NT][4],
                                              const bf16* sb, int lane) {
#pragma unroll
  for (int kk = 0; kk < TILE / 16; ++kk) {
    uint32_t a[4];
    acc_to_a(a, p, kk);
#pragma unroll
    for (int j = 0; j < Shape<HS>::HN; j += 2) {
      uint32_t b[4];
      load_b_cols<HS>(b, sb, j * 8, kk * 16, lane);
      mma_bf16(out[j], a, b[0], b[1]);
      mma_bf16(out[j + 1], a, b[2], b[3]);
    }
  }
}

__device__ __forceinline__ float quad_max(float v) {
  v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, 1));
  return fmaxf(v, __shfl_xor_sync(0xffffffffu, v, 2));
}

__device__ __forceinline__ float quad_sum(float v) {
  v += __shfl_xor_sync(0xffffffffu, v, 1);
  return v + __shfl_xor_sync(0xffffffffu, v, 2);
}

// Tiles of keys a query tile attends to (keys <= its last query).
__device__ __forceinline__ int key_tiles(int q0, int T) { return (min(q0 + TILE, T) - 1) / TILE + 1; }

template <int N>
__device__ __forceinline__ void zero(float (&acc)[N][4]) {
#pragma unroll
  for (int j = 0; j < N; ++j)
#pragma unroll
    for (int e = 0; e < 4; ++e) acc[j][e] = 0.0f;
}

// Double buffering of two row tiles (stage = tile index & 1): starts copying tile `next` of
// both into its stage when there is one (rows from next * TILE), then waits until tile
// next - 1 has landed for every thread. The caller ends each tile with __syncthreads, so the
// stage being refilled is no longer read.
template <int HS>
__device__ __forceinline__ void advance(bf16* sa, const bf16* ga, long long lda, bf16* sb,
                                        const bf16* gb, long long ldb, int next, int tiles, int T) {
  if (next < tiles) {
    const int st = next & 1;
    load_tile<HS>(sa + st * Shape<HS>::ELEMS, ga, lda, next * TILE, T);
    load_tile<HS>(sb + st * Shape<HS>::ELEMS, gb, ldb, next * TILE, T);
  }
  cp_async_commit();  // an empty group keeps the wait count uniform
  cp_async_wait<1>();
  __syncthreads();
}

// Row r (0: the thread's row g, 1: g + 8) of a 16 x HS accumulator to dst (that row's first
// column), as float2 stores; and, where dst16 is not null, the same values rounded to bf16 at
// the same element offset of dst16 (the backend's bf16 twin of the fp32 tensor, which the next
// matrix product reads instead of packing it again).
template <int HN>
__device__ __forceinline__ void store_row(float* dst, bf16* dst16, long long at,
                                          const float (&acc)[HN][4], int r, int tq, float factor) {
#pragma unroll
  for (int j = 0; j < HN; ++j) {
    const float x = acc[j][2 * r] * factor, y = acc[j][2 * r + 1] * factor;
    *reinterpret_cast<float2*>(dst + at + j * 8 + 2 * tq) = make_float2(x, y);
    if (dst16 != nullptr)
      *reinterpret_cast<__nv_bfloat162*>(dst16 + at + j * 8 + 2 * tq) = __floats2bfloat162_rn(x, y);
  }
}

// This block's (batch, head) = blockIdx.y, and where its rows of Q, K, V and dout start.
struct Head {
  int b, h, bh, C;
  const bf16 *q, *k, *v, *dout;
};

__device__ __forceinline__ Head block_head(const bf16* qkv, int ld, const bf16* dout16, int ldo,
                                           int T, int NH, int HS) {
  Head x;
  x.bh = blockIdx.y;
  x.b = x.bh / NH;
  x.h = x.bh % NH;
  x.C = NH * HS;
  x.q = qkv + (long long)x.b * T * ld + x.h * HS;
  x.k = x.q + x.C;
  x.v = x.q + 2 * x.C;
  x.dout = dout16 == nullptr ? nullptr : dout16 + (long long)x.b * T * ldo + x.h * HS;
  return x;
}

// ---- forward ----

template <int HS>
__device__ __forceinline__ void forward(float* __restrict__ out, bf16* __restrict__ out16,
                                        float* __restrict__ lse, const bf16* __restrict__ qkv, int ld, int T, int NH,
                                        float scale) {
  using S = Shape<HS>;
  extern __shared__ __align__(16) unsigned char smem_raw[];
  bf16* sQ = reinterpret_cast<bf16*>(smem_raw);
  bf16* sK = sQ + S::ELEMS;        // [2 stages]
  bf16* sV = sK + 2 * S::ELEMS;    // [2 stages]
  const int q0 = (gridDim.x - 1 - blockIdx.x) * TILE;  // the longest rows first
  const Head hd = block_head(qkv, ld, nullptr, 0, T, NH, HS);
  const int b = hd.b, h = hd.h, bh = hd.bh, C = hd.C;
  const bf16 *gQ = hd.q, *gK = hd.k, *gV = hd.v;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int g = lane >> 2, tq = lane & 3;
  const int row0 = q0 + warp * 16 + g;  // this thread's two rows: row0 and row0 + 8

  const int tiles = key_tiles(q0, T);
  load_tile<HS>(sQ, gQ, ld, q0, T);
  load_tile<HS>(sK, gK, ld, 0, T);
  load_tile<HS>(sV, gV, ld, 0, T);
  cp_async_commit();

  float o[S::HN][4];
  zero(o);
  float m[2] = {-INFINITY, -INFINITY};  // running max of the scaled scores, per row
  float l[2] = {0.0f, 0.0f};            // running sum of exp(score - m), this thread's columns

  for (int kt = 0; kt < tiles; ++kt) {
    advance<HS>(sK, gK, ld, sV, gV, ld, kt + 1, tiles, T);
    const bf16* tK = sK + (kt & 1) * S::ELEMS;
    const bf16* tV = sV + (kt & 1) * S::ELEMS;
    float s[NT][4];
    product_abt<HS>(s, sQ, warp * 16, tK, lane);
    float mx[2] = {-INFINITY, -INFINITY};
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        const int key = kt * TILE + j * 8 + 2 * tq + (e & 1);
        const int row = row0 + (e >> 1) * 8;
        s[j][e] = key <= row ? s[j][e] * scale : -INFINITY;
        mx[e >> 1] = fmaxf(mx[e >> 1], s[j][e]);
      }
    float corr[2];
#pragma unroll
    for (int r = 0; r < 2; ++r) {
      // key kt*TILE <= every row of this tile, so the new max is finite
      const float mn = fmaxf(m[r], quad_max(mx[r]));
      corr[r] = __expf(m[r] - mn);
      m[r] = mn;
      l[r] *= corr[r];
    }
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        s[j][e] = __expf(s[j][e] - m[e >> 1]);
        l[e >> 1] += s[j][e];
      }
#pragma unroll
    for (int j = 0; j < S::HN; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) o[j][e] *= corr[e >> 1];
    product_acc_b<HS>(o, s, tV, lane);
    __syncthreads();  // every warp is done with this stage before it is refilled
  }
  cp_async_wait<0>();

#pragma unroll
  for (int r = 0; r < 2; ++r) {
    const int row = row0 + r * 8;
    const float sum = quad_sum(l[r]);
    if (row >= T) continue;
    store_row(out, out16, ((long long)b * T + row) * C + h * HS, o, r, tq, 1.0f / sum);
    if (tq == 0) lse[(long long)bh * T + row] = m[r] + __logf(sum);
  }
}

// ---- backward: dQ over query tiles ----

template <int HS>
__device__ __forceinline__ void backward_dq(float* __restrict__ dqkv, bf16* __restrict__ dqkv16,
                                            const bf16* __restrict__ qkv, int ld, const bf16* __restrict__ dout16, int ldo,
                                            const float* __restrict__ lse,
                                            const float* __restrict__ rowdot, int T, int NH,
                                            float scale) {
  using S = Shape<HS>;
  extern __shared__ __align__(16) unsigned char smem_raw[];
  bf16* sQ = reinterpret_cast<bf16*>(smem_raw);
  bf16* sO = sQ + S::ELEMS;        // dout
  bf16* sK = sO + S::ELEMS;        // [2 stages]
  bf16* sV = sK + 2 * S::ELEMS;    // [2 stages]
  const int q0 = (gridDim.x - 1 - blockIdx.x) * TILE;
  const Head hd = block_head(qkv, ld, dout16, ldo, T, NH, HS);
  const int b = hd.b, h = hd.h, bh = hd.bh, C = hd.C;
  const bf16 *gQ = hd.q, *gK = hd.k, *gV = hd.v, *gO = hd.dout;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int g = lane >> 2, tq = lane & 3;
  const int row0 = q0 + warp * 16 + g;
  float rowLse[2], rowDot[2];
#pragma unroll
  for (int r = 0; r < 2; ++r) {
    const int row = row0 + r * 8;
    rowLse[r] = row < T ? lse[(long long)bh * T + row] : 0.0f;
    rowDot[r] = row < T ? rowdot[(long long)bh * T + row] : 0.0f;
  }

  const int tiles = key_tiles(q0, T);
  load_tile<HS>(sQ, gQ, ld, q0, T);
  load_tile<HS>(sO, gO, ldo, q0, T);
  load_tile<HS>(sK, gK, ld, 0, T);
  load_tile<HS>(sV, gV, ld, 0, T);
  cp_async_commit();

  float dq[S::HN][4];
  zero(dq);

  for (int kt = 0; kt < tiles; ++kt) {
    advance<HS>(sK, gK, ld, sV, gV, ld, kt + 1, tiles, T);
    const bf16* tK = sK + (kt & 1) * S::ELEMS;
    const bf16* tV = sV + (kt & 1) * S::ELEMS;
    float p[NT][4], dp[NT][4];
    product_abt<HS>(p, sQ, warp * 16, tK, lane);   // scores
    product_abt<HS>(dp, sO, warp * 16, tV, lane);  // dP = dout . V^T
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        const int key = kt * TILE + j * 8 + 2 * tq + (e & 1);
        const int r = e >> 1;
        const float pr = key <= row0 + r * 8 ? __expf(p[j][e] * scale - rowLse[r]) : 0.0f;
        p[j][e] = pr * (dp[j][e] - rowDot[r]) * scale;  // dS, the gradient of the raw score
      }
    product_acc_b<HS>(dq, p, tK, lane);  // dQ += dS . K
    __syncthreads();
  }
  cp_async_wait<0>();

#pragma unroll
  for (int r = 0; r < 2; ++r) {
    const int row = row0 + r * 8;
    if (row < T) store_row(dqkv, dqkv16, ((long long)b * T + row) * 3 * C + h * HS, dq, r, tq, 1.0f);
  }
}

// ---- backward: dK and dV over key tiles ----

template <int HS>
__device__ __forceinline__ void backward_dkdv(float* __restrict__ dqkv, bf16* __restrict__ dqkv16,
                                              const bf16* __restrict__ qkv, int ld,
                                              const bf16* __restrict__ dout16, int ldo,
                                              const float* __restrict__ lse,
                                              const float* __restrict__ rowdot, int T, int NH,
                                              float scale) {
  using S = Shape<HS>;
  extern __shared__ __align__(16) unsigned char smem_raw[];
  bf16* sK = reinterpret_cast<bf16*>(smem_raw);
  bf16* sV = sK + S::ELEMS;
  bf16* sQ = sV + S::ELEMS;        // [2 stages]
  bf16* sO = sQ + 2 * S::ELEMS;    // [2 stages] dout
  float* sLse = reinterpret_cast<float*>(sO + 2 * S::ELEMS);  // [2 stages][TILE]
  float* sDot = sLse + 2 * TILE;                               // [2 stages][TILE]
  const int k0 = blockIdx.x * TILE;  // the first key tiles have the most queries: issued first
  const Head hd = block_head(qkv, ld, dout16, ldo, T, NH, HS);
  const int b = hd.b, h = hd.h, bh = hd.bh, C = hd.C;
  const bf16 *gQ = hd.q, *gK = hd.k, *gV = hd.v, *gO = hd.dout;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int g = lane >> 2, tq = lane & 3;
  const int key0 = k0 + warp * 16 + g;  // this thread's two keys: key0 and key0 + 8

  // query tiles from the one holding this key tile's first key (keys <= queries) to the end
  const int first = blockIdx.x;
  const int tiles = (T + TILE - 1) / TILE - first;
  auto load_stats = [&](int st, int q0) {
    for (int i = threadIdx.x; i < TILE; i += THREADS) {
      const int q = q0 + i;
      sLse[st * TILE + i] = q < T ? lse[(long long)bh * T + q] : 0.0f;
      sDot[st * TILE + i] = q < T ? rowdot[(long long)bh * T + q] : 0.0f;
    }
  };
  load_tile<HS>(sK, gK, ld, k0, T);
  load_tile<HS>(sV, gV, ld, k0, T);
  load_tile<HS>(sQ, gQ, ld, first * TILE, T);
  load_tile<HS>(sO, gO, ldo, first * TILE, T);
  load_stats(0, first * TILE);
  cp_async_commit();

  float dk[S::HN][4], dv[S::HN][4];
  zero(dk);
  zero(dv);

  for (int it = 0; it < tiles; ++it) {
    const int q0 = (first + it) * TILE;
    if (it + 1 < tiles) load_stats((it + 1) & 1, q0 + TILE);
    // the query tiles counted from `first`: shift the matrices' rows so tile `it` starts there
    advance<HS>(sQ, gQ + (long long)first * TILE * ld, ld, sO, gO + (long long)first * TILE * ldo,
                ldo, it + 1, tiles, T - first * TILE);
    const bf16* tQ = sQ + (it & 1) * S::ELEMS;
    const bf16* tO = sO + (it & 1) * S::ELEMS;
    const float* tLse = sLse + (it & 1) * TILE;
    const float* tDot = sDot + (it & 1) * TILE;
    float p[NT][4], dp[NT][4];
    product_abt<HS>(p, sK, warp * 16, tQ, lane);   // scores transposed: [key][query]
    product_abt<HS>(dp, sV, warp * 16, tO, lane);  // dP transposed = V . dout^T
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        const int col = j * 8 + 2 * tq + (e & 1);
        const int query = q0 + col;
        const int key = key0 + (e >> 1) * 8;
        const float pr = query < T && key <= query ? __expf(p[j][e] * scale - tLse[col]) : 0.0f;
        p[j][e] = pr;
        dp[j][e] = pr * (dp[j][e] - tDot[col]) * scale;  // dS transposed
      }
    product_acc_b<HS>(dv, p, tO, lane);   // dV += P^T . dout
    product_acc_b<HS>(dk, dp, tQ, lane);  // dK += dS^T . Q
    __syncthreads();
  }
  cp_async_wait<0>();

#pragma unroll
  for (int r = 0; r < 2; ++r) {
    const int key = key0 + r * 8;
    if (key >= T) continue;
    const long long at = ((long long)b * T + key) * 3 * C + h * HS;
    store_row(dqkv, dqkv16, at + C, dk, r, tq, 1.0f);
    store_row(dqkv, dqkv16, at + 2 * C, dv, r, tq, 1.0f);
  }
}

}  // namespace

// Dynamic shared memory (the Java side mirrors these): 64-row tiles of HS + 8 bf16.
//   forward: Q + 2 x (K, V) = 5 tiles; dq: Q, dout + 2 x (K, V) = 6; dkdv: K, V + 2 x (Q, dout) = 6
//   tiles + 2 x 2 x 64 floats of row statistics.
#define FLASH_VARIANTS(HS)                                                                          \
  extern "C" __global__ void __launch_bounds__(THREADS) flash_attention_forward_##HS(              \
      float* out, bf16* out16, float* lse, const bf16* qkv, int ld, int T, int NH, float scale) {  \
    forward<HS>(out, out16, lse, qkv, ld, T, NH, scale);                                           \
  }                                                                                                \
  extern "C" __global__ void __launch_bounds__(THREADS) flash_attention_backward_dq_##HS(          \
      float* dqkv, bf16* dqkv16, const bf16* qkv, int ld, const bf16* dout16, int ldo,            \
      const float* lse, const float* rowdot, int T, int NH, float scale) {                         \
    backward_dq<HS>(dqkv, dqkv16, qkv, ld, dout16, ldo, lse, rowdot, T, NH, scale);                \
  }                                                                                                \
  extern "C" __global__ void __launch_bounds__(THREADS) flash_attention_backward_dkdv_##HS(        \
      float* dqkv, bf16* dqkv16, const bf16* qkv, int ld, const bf16* dout16, int ldo,            \
      const float* lse, const float* rowdot, int T, int NH, float scale) {                         \
    backward_dkdv<HS>(dqkv, dqkv16, qkv, ld, dout16, ldo, lse, rowdot, T, NH, scale);              \
  }

FLASH_VARIANTS(32)
FLASH_VARIANTS(64)

// rowdot[b][h][t] = sum_d dout[b*T + t][h*HS + d] * out[b*T + t][h*HS + d], the softmax
// backward's per-row term (sum over keys of P * dP equals dout . out). One warp per row.
extern "C" __global__ void flash_attention_rowdot(float* __restrict__ rowdot,
                                                  const float* __restrict__ dout,
                                                  const float* __restrict__ out, int B, int T,
                                                  int NH, int HS) {
  const long long rows = (long long)B * NH * T;
  const long long row = blockIdx.x * (long long)(blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;
  const int t = (int)(row % T);
  const long long bh = row / T;
  const int b = (int)(bh / NH), h = (int)(bh % NH);
  const long long base = ((long long)b * T + t) * NH * HS + (long long)h * HS;
  float s = 0.0f;
  for (int d = lane; d < HS; d += 32) s += dout[base + d] * out[base + d];
  s = warp_sum(s);
  if (lane == 0) rowdot[row] = s;
}
