// Half <-> float conversions for the avx2 level with F16C (built with
// -mavx2 -mf16c): 8 values per vcvtph2ps / vcvtps2ph, the tail through the
// portable single-value conversions (same bits: both round to nearest even).
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/f16_kernels.h"
#include "runtime/core/float16.h"

namespace edgebench::native {
namespace {

void F16ToF32Avx2(const uint16_t* src, float* dst, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(h));
  }
  for (; i < n; ++i) dst[i] = Float16ToFloat32(src[i]);
}

void F32ToF16Avx2(const float* src, uint16_t* dst, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), h);
  }
  for (; i < n; ++i) dst[i] = Float32ToFloat16(src[i]);
}

}  // namespace

const F16Kernels& F16Avx2Kernels() {
  static const F16Kernels kKernels = {Isa::kAvx2, F16ToF32Avx2, F32ToF16Avx2};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
