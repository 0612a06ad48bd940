// AdamW and the gradient-norm reduction.
#include "common.cuh"

// biasCorrection1 = 1 - beta1^step, biasCorrection2 = 1 - beta2^step (computed on the host).
extern "C" __global__ void adamw(float* params, const float* grads, float* m, float* v, long long n,
                                 float lr, float beta1, float beta2, float eps, float weightDecay,
                                 float biasCorrection1, float biasCorrection2, float gradScale) {
  FOR_EACH_INDEX(i, n) {
    const float g = grads[i] * gradScale;
    const float mi = beta1 * m[i] + (1.0f - beta1) * g;
    const float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    const float mhat = mi / biasCorrection1;
    const float vhat = vi / biasCorrection2;
    params[i] -= lr * (mhat / (sqrtf(vhat) + eps) + weightDecay * params[i]);
  }
}

// Stage 1 of sum of squares: each block writes one double partial (grid-stride, fixed order
// for a fixed grid, so the result is deterministic).
extern "C" __global__ void sum_squares_partial(double* partial, const float* x, long long n) {
  double s = 0.0;
  FOR_EACH_INDEX(i, n) {
    const double v = x[i];
    s += v * v;
  }
  s = block_sum_double(s);
  if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

// Stage 2: one block adds the partials.
extern "C" __global__ void sum_squares_final(double* out, const double* partial, int count) {
  double s = 0.0;
  for (int i = threadIdx.x; i < count; i += blockDim.x) s += partial[i];
  s = block_sum_double(s);
  if (threadIdx.x == 0) out[0] = s;
}

// adamw over float4s: n4 = n / 4, every array 16-byte aligned.
__device__ __forceinline__ float adamw_one(float& p, float g, float& m, float& v, float lr,
                                           float beta1, float beta2, float eps, float weightDecay,
                                           float biasCorrection1, float biasCorrection2) {
  m = beta1 * m + (1.0f - beta1) * g;
  v = beta2 * v + (1.0f - beta2) * g * g;
  const float mhat = m / biasCorrection1;
  const float vhat = v / biasCorrection2;
  p -= lr * (mhat / (sqrtf(vhat) + eps) + weightDecay * p);
  return p;
}

extern "C" __global__ void adamw_v4(float4* params, const float4* grads, float4* m, float4* v,
                                    long long n4, float lr, float beta1, float beta2, float eps,
                                    float weightDecay, float biasCorrection1,
                                    float biasCorrection2, float gradScale) {
  FOR_EACH_INDEX(i, n4) {
    const float4 g = grads[i];
    float4 p = params[i], mi = m[i], vi = v[i];
    adamw_one(p.x, g.x * gradScale, mi.x, vi.x, lr, beta1, beta2, eps, weightDecay,
              biasCorrection1, biasCorrection2);
    adamw_one(p.y, g.y * gradScale, mi.y, vi.y, lr, beta1, beta2, eps, weightDecay,
              biasCorrection1, biasCorrection2);
    adamw_one(p.z, g.z * gradScale, mi.z, vi.z, lr, beta1, beta2, eps, weightDecay,
              biasCorrection1, biasCorrection2);
    adamw_one(p.w, g.w * gradScale, mi.w, vi.w, lr, beta1, beta2, eps, weightDecay,
              biasCorrection1, biasCorrection2);
    params[i] = p;
    m[i] = mi;
    v[i] = vi;
  }
}
