// Half <-> float conversions for the scalar level: float16.h's portable,
// bit-exact single-value conversions.
#include "runtime/backends/native/f16_kernels.h"
#include "runtime/core/float16.h"

namespace edgebench::native {
namespace {

void F16ToF32Scalar(const uint16_t* src, float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = Float16ToFloat32(src[i]);
}

void F32ToF16Scalar(const float* src, uint16_t* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = Float32ToFloat16(src[i]);
}

}  // namespace

const F16Kernels& F16ScalarKernels() {
  static const F16Kernels kKernels = {Isa::kScalar, F16ToF32Scalar, F32ToF16Scalar};
  return kKernels;
}

}  // namespace edgebench::native
