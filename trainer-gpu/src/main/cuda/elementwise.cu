// Element-wise kernels: residual add/accumulate, scaling, GELU (tanh approximation, GPT-2).
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

extern "C" __global__ void gelu_forward(float* out, const float* inp, long long n) {
  FOR_EACH_INDEX(i, n) {
    const float x = inp[i];
    const float cube = 0.044715f * x * x * x;
    out[i] = 0.5f * x * (1.0f + tanhf(GELU_SCALE * (x + cube)));
  }
}

extern "C" __global__ void gelu_backward(float* dinp, const float* inp, const float* dout,
                                         long long n) {
  FOR_EACH_INDEX(i, n) {
    const float x = inp[i];
    const float cube = 0.044715f * x * x * x;
    const float arg = GELU_SCALE * (x + cube);
    const float th = tanhf(arg);
    const float sech2 = 1.0f - th * th;
    const float local = 0.5f * (1.0f + th) +
                        x * 0.5f * sech2 * GELU_SCALE * (1.0f + 3.0f * 0.044715f * x * x);
    dinp[i] = local * dout[i];
  }
}
