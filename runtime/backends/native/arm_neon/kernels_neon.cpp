// NEON (AdvSIMD) microkernels for aarch64, where AdvSIMD is part of the base
// ISA (no extra flags). Tails go through a small stack buffer, so masked-off
// lanes are neither read nor written: NEON has no masked loads or stores.
#if defined(__aarch64__)
#include <arm_neon.h>

#include <cstring>

#include "runtime/backends/native/kernel_templates.h"

namespace edgebench::native {
namespace {

struct VecNeon {
  using T = float32x4_t;
  static constexpr int kWidth = 4;
  static T Zero() { return vdupq_n_f32(0.0f); }
  static T Set1(float v) { return vdupq_n_f32(v); }
  static T Load(const float* p) { return vld1q_f32(p); }
  static T LoadN(const float* p, int64_t n) { return LoadLanes(p, 0, n); }
  static T LoadLanes(const float* p, int64_t lo, int64_t hi) {
    float buf[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    if (hi > lo) std::memcpy(buf + lo, p + lo, static_cast<size_t>(hi - lo) * sizeof(float));
    return vld1q_f32(buf);
  }
  static void Store(float* p, T v) { vst1q_f32(p, v); }
  static void StoreN(float* p, T v, int64_t n) {
    float buf[4];
    vst1q_f32(buf, v);
    if (n > 0) std::memcpy(p, buf, static_cast<size_t>(n) * sizeof(float));
  }
  static T Fma(T a, T b, T c) { return vfmaq_f32(c, a, b); }
  static T Add(T a, T b) { return vaddq_f32(a, b); }
  static T Max(T a, T b) { return vmaxq_f32(a, b); }
  static T Min(T a, T b) { return vminq_f32(a, b); }
};

// 8 x 12: 24 accumulators, 3 column loads and a weight broadcast in the 32
// q registers (XNNPACK's aarch64 FP32 GEMMs use 6x8 and 8x8 with fmla by
// element; 8x12 keeps 2 loads per 8 FMAs more).
void GemmF32Neon_8x12(const GemmTileArgs& a) { templates::GemmTile<VecNeon, 8, 3>(a); }
void GemmF32Neon_1x16(const GemmTileArgs& a) { templates::GemmTile<VecNeon, 1, 4>(a); }
void DepthwiseF32Neon_16(const DepthwiseArgs& a) { templates::DepthwiseRun<VecNeon, 4>(a); }
void MaxPoolF32Neon_16(const MaxPoolArgs& a) { templates::MaxPoolRun<VecNeon, 4>(a); }
// 4 rows x 8 columns: 8 accumulators, 9 weights and 3 shifted rows of 2
// registers (23 of 32).
void DepthwiseF32Neon_3x3s1_4x8(const Depthwise3x3Args& a) { templates::Depthwise3x3S1<VecNeon, 4, 2>(a); }

}  // namespace

const NativeKernels& NeonKernels() {
  static const NativeKernels kKernels = {
      Isa::kNeon, {8, 12, GemmF32Neon_8x12}, {1, 16, GemmF32Neon_1x16}, DepthwiseF32Neon_16,
      MaxPoolF32Neon_16, DepthwiseF32Neon_3x3s1_4x8};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // aarch64
