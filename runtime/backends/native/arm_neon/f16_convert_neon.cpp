// Half <-> float conversions for the neon level: FCVTL / FCVTN (vcvt_f32_f16,
// vcvt_f16_f32) are base ARMv8-A AdvSIMD, 4 values each, rounding to nearest
// even under Linux's default FPCR (as float16.h). The tail goes through the
// portable single-value conversions (same bits).
#if defined(__aarch64__)
#include <arm_neon.h>

#include "runtime/backends/native/f16_kernels.h"
#include "runtime/core/float16.h"

namespace edgebench::native {
namespace {

void F16ToF32Neon(const uint16_t* src, float* dst, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const float16x8_t h = vreinterpretq_f16_u16(vld1q_u16(src + i));
    vst1q_f32(dst + i, vcvt_f32_f16(vget_low_f16(h)));
    vst1q_f32(dst + i + 4, vcvt_high_f32_f16(h));
  }
  for (; i + 4 <= n; i += 4) vst1q_f32(dst + i, vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(src + i))));
  for (; i < n; ++i) dst[i] = Float16ToFloat32(src[i]);
}

void F32ToF16Neon(const float* src, uint16_t* dst, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const float16x4_t lo = vcvt_f16_f32(vld1q_f32(src + i));
    const float16x8_t h = vcvt_high_f16_f32(lo, vld1q_f32(src + i + 4));
    vst1q_u16(dst + i, vreinterpretq_u16_f16(h));
  }
  for (; i + 4 <= n; i += 4) vst1_u16(dst + i, vreinterpret_u16_f16(vcvt_f16_f32(vld1q_f32(src + i))));
  for (; i < n; ++i) dst[i] = Float32ToFloat16(src[i]);
}

}  // namespace

const F16Kernels& F16NeonKernels() {
  static const F16Kernels kKernels = {Isa::kNeon, F16ToF32Neon, F32ToF16Neon};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // aarch64
