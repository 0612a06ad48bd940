// Element-wise kernels: residual add/accumulate, scaling, GELU (tanh approximation, GPT-2).
#include <cuda_bf16.h>
#include "common.cuh"

extern "C" __global__ void add_kernel(float* out, const float* a, const float* b, long long n) {
  FOR_EACH_INDEX(i, n) out[i] = a[i] + b[i];
}

extern "C" __global__ void accumulate_kernel(float* dst, const float* src, long long n) {
  FOR_EACH_INDEX(i, n) dst[i] += src[i];
}

extern "C" __global__ void scale_kernel(float* t, float factor, long long n) {
  FOR_EACH_INDEX(i, n) t[i] *= factor;
}

#define GELU_SCALE 0.7978845608028654f  // sqrt(2 / pi)

// out16 (optional): the bf16 copy of out that the next product reads.
extern "C" __global__ void gelu_forward(float* out, __nv_bfloat16* out16, const float* inp,
                                        long long n) {
  FOR_EACH_INDEX(i, n) {
    const float x = inp[i];
    const float cube = 0.044715f * x * x * x;
    const float y = 0.5f * x * (1.0f + tanhf(GELU_SCALE * (x + cube)));
    out[i] = y;
    if (out16 != nullptr) out16[i] = __float2bfloat16_rn(y);
  }
}

// dinp16 (optional): the bf16 copy of dinp that the next product reads.
extern "C" __global__ void gelu_backward(float* dinp, __nv_bfloat16* dinp16, const float* inp,
                                         const float* dout, long long n) {
  FOR_EACH_INDEX(i, n) {
    const float x = inp[i];
    const float cube = 0.044715f * x * x * x;
    const float arg = GELU_SCALE * (x + cube);
    const float th = tanhf(arg);
    const float sech2 = 1.0f - th * th;
    const float local = 0.5f * (1.0f + th) +
                        x * 0.5f * sech2 * GELU_SCALE * (1.0f + 3.0f * 0.044715f * x * x);
    const float d = local * dout[i];
    dinp[i] = d;
    if (dinp16 != nullptr) dinp16[i] = __float2bfloat16_rn(d);
  }
}

// Uniform values in [-scale, scale) from a hash of (seed, index): benchmarks fill large
// operands on the device instead of uploading them.
extern "C" __global__ void fill_uniform(float* x, long long n, long long seed, float scale) {
  FOR_EACH_INDEX(i, n) {
    unsigned long long z = (unsigned long long)(seed + i) * 0x9E3779B97F4A7C15ull;  // splitmix64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    const float u = (float)(z >> 40) * (1.0f / 16777216.0f);  // [0, 1)
    x[i] = (2.0f * u - 1.0f) * scale;
  }
}

// dst[i] += sum_s parts[s * n + i] (split-K partial products, summed in a fixed order).
extern "C" __global__ void sum_partials_add(float* dst, const float* parts, int splits,
                                            long long n) {
  FOR_EACH_INDEX(i, n) {
    float s = parts[i];
    for (int k = 1; k < splits; ++k) s += parts[k * n + i];
    dst[i] += s;
  }
}

// float4 versions of the GELU kernels: n a multiple of 4, every pointer 16-byte aligned (the
// bf16 copy 8-byte aligned). n4 = n / 4.
__device__ __forceinline__ float gelu_value(float x) {
  const float cube = 0.044715f * x * x * x;
  return 0.5f * x * (1.0f + tanhf(GELU_SCALE * (x + cube)));
}

__device__ __forceinline__ float gelu_grad(float x) {
  const float cube = 0.044715f * x * x * x;
  const float th = tanhf(GELU_SCALE * (x + cube));
  const float sech2 = 1.0f - th * th;
  return 0.5f * (1.0f + th) + x * 0.5f * sech2 * GELU_SCALE * (1.0f + 3.0f * 0.044715f * x * x);
}

__device__ __forceinline__ void store_bf16x4_at(__nv_bfloat16* p, long long i4, float4 v) {
  __nv_bfloat162 lo = __floats2bfloat162_rn(v.x, v.y);
  __nv_bfloat162 hi = __floats2bfloat162_rn(v.z, v.w);
  uint2 u;
  u.x = *reinterpret_cast<unsigned int*>(&lo);
  u.y = *reinterpret_cast<unsigned int*>(&hi);
  reinterpret_cast<uint2*>(p)[i4] = u;
}

extern "C" __global__ void gelu_forward_v4(float4* out, __nv_bfloat16* out16, const float4* inp,
                                           long long n4) {
  FOR_EACH_INDEX(i, n4) {
    const float4 x = inp[i];
    const float4 y = make_float4(gelu_value(x.x), gelu_value(x.y), gelu_value(x.z), gelu_value(x.w));
    out[i] = y;
    if (out16 != nullptr) store_bf16x4_at(out16, i, y);
  }
}

extern "C" __global__ void gelu_backward_v4(float4* dinp, __nv_bfloat16* dinp16, const float4* inp,
                                            const float4* dout, long long n4) {
  FOR_EACH_INDEX(i, n4) {
    const float4 x = inp[i];
    const float4 g = dout[i];
    const float4 d = make_float4(gelu_grad(x.x) * g.x, gelu_grad(x.y) * g.y, gelu_grad(x.z) * g.z,
                                 gelu_grad(x.w) * g.w);
    dinp[i] = d;
    if (dinp16 != nullptr) store_bf16x4_at(dinp16, i, d);
  }
}

// dst[i] = sum_s parts[s * n + i] (split-K partial products of an output that is written).
extern "C" __global__ void sum_partials_write(float* dst, const float* parts, int splits,
                                              long long n) {
  FOR_EACH_INDEX(i, n) {
    float s = parts[i];
    for (int k = 1; k < splits; ++k) s += parts[k * n + i];
    dst[i] = s;
  }
}
