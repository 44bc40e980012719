// NEON (AdvSIMD) microkernels for aarch64, where AdvSIMD is part of the base
// ISA (no extra flags). NEON has no masked loads or stores: tails move lane
// by lane (LD1/ST1 single lane), so masked-off lanes are neither read nor
// written. (A stack buffer with memcpy would do the same, but GCC calls
// memcpy for a variable size and spills every accumulator around the call.)
#if defined(__aarch64__)
#include <arm_neon.h>

#include "runtime/backends/native/kernel_templates.h"

namespace edgebench::native {
namespace {

struct VecNeon {
  using T = float32x4_t;
  static constexpr int kWidth = 4;
  static T Zero() { return vdupq_n_f32(0.0f); }
  static T Set1(float v) { return vdupq_n_f32(v); }
  static T Load(const float* p) { return vld1q_f32(p); }
  static T LoadN(const float* p, int64_t n) {
    if (n >= 4) return vld1q_f32(p);
    return LoadLanes(p, 0, n);
  }
  static T LoadLanes(const float* p, int64_t lo, int64_t hi) {
    T v = vdupq_n_f32(0.0f);
    if (lo <= 0 && hi > 0) v = vld1q_lane_f32(p, v, 0);
    if (lo <= 1 && hi > 1) v = vld1q_lane_f32(p + 1, v, 1);
    if (lo <= 2 && hi > 2) v = vld1q_lane_f32(p + 2, v, 2);
    if (lo <= 3 && hi > 3) v = vld1q_lane_f32(p + 3, v, 3);
    return v;
  }
  static void Store(float* p, T v) { vst1q_f32(p, v); }
  static void StoreN(float* p, T v, int64_t n) {
    if (n >= 4) return vst1q_f32(p, v);
    if (n > 0) vst1q_lane_f32(p, v, 0);
    if (n > 1) vst1q_lane_f32(p + 1, v, 1);
    if (n > 2) vst1q_lane_f32(p + 2, v, 2);
  }
  static T Fma(T a, T b, T c) { return vfmaq_f32(c, a, b); }
  static T Add(T a, T b) { return vaddq_f32(a, b); }
  static T Max(T a, T b) { return vmaxq_f32(a, b); }
  static T Min(T a, T b) { return vminq_f32(a, b); }
  // Masks stay bits (lane i on where bit i is set): a full one is one plain
  // load, others go lane by lane.
  using M = uint32_t;
  static M MaskOf(uint32_t bits) { return bits & 0xfu; }
  static T LoadMasked(const float* p, M m) { return LoadMaskedOr(p, m, vdupq_n_f32(0.0f)); }
  static T LoadMaskedOr(const float* p, M m, T fill) {
    if (m == 0xfu) return vld1q_f32(p);
    T v = fill;
    if (m & 1u) v = vld1q_lane_f32(p, v, 0);
    if (m & 2u) v = vld1q_lane_f32(p + 1, v, 1);
    if (m & 4u) v = vld1q_lane_f32(p + 2, v, 2);
    if (m & 8u) v = vld1q_lane_f32(p + 3, v, 3);
    return v;
  }
  static void StoreMasked(float* p, T v, M m) {
    if (m == 0xfu) {
      vst1q_f32(p, v);
      return;
    }
    if (m & 1u) vst1q_lane_f32(p, v, 0);
    if (m & 2u) vst1q_lane_f32(p + 1, v, 1);
    if (m & 4u) vst1q_lane_f32(p + 2, v, 2);
    if (m & 8u) vst1q_lane_f32(p + 3, v, 3);
  }
  static void Deinterleave(T a, T b, T* even, T* odd) {
    *even = vuzp1q_f32(a, b);
    *odd = vuzp2q_f32(a, b);
  }
  static T ShiftIn(T a, T b) { return vextq_f32(a, b, 1); }
  static T ShiftIn2(T a, T b) { return vextq_f32(a, b, 2); }
  // a * b + c in the lanes of m, c elsewhere (BSL on the FMLA result).
  static T FmaMasked(T a, T b, T c, M m) {
    const uint32x4_t bit = {1u, 2u, 4u, 8u};
    return vbslq_f32(vtstq_u32(vdupq_n_u32(m), bit), vfmaq_f32(c, a, b), c);
  }
};

// 6 x 12: 18 accumulators, 3 column loads and 6 weights (GCC keeps each
// broadcast weight in its own register for FMLA by element) in the 32 q
// registers. 8 x 12 needs 24 + 3 + 8 > 32 and GCC 12 spills accumulators in
// its k loop. Chosen by register count and the generated code, not timed:
// only qemu was at hand, no ARM hardware.
void GemmF32Neon_6x12(const GemmTileArgs& a) { templates::GemmTile<VecNeon, 6, 3>(a); }
// 6 pixels x 16 filters: 24 accumulators, 4 loads and 6 broadcasts (chosen
// by register count, not timed).
void PixelTileF32Neon_6x16(const PixelTileArgs& a) { templates::PixelTile<VecNeon, 6, 4>(a); }
void GemmF32Neon_1x16(const GemmTileArgs& a) { templates::GemmTile<VecNeon, 1, 4>(a); }
void DepthwiseF32Neon_16(const DepthwiseArgs& a) { templates::DepthwiseRun<VecNeon, 4>(a); }
void MaxPoolF32Neon_16(const MaxPoolArgs& a) { templates::MaxPoolRun<VecNeon, 4>(a); }
// 4 rows x 4 columns: 4 accumulators, 9 weights and 3 shifted rows. With 2
// or more column registers (4x8, 2x8) GCC 12 keeps the accumulators on the
// stack through the masked edge passes.
void DepthwiseF32Neon_3x3s1_4x4(const Depthwise3x3Args& a) { templates::Depthwise3x3S1<VecNeon, 4, 1>(a); }
void DepthwiseF32Neon_3x3s2_4x4(const Depthwise3x3Args& a) { templates::Depthwise3x3S2<VecNeon, 4, 1>(a); }
void DepthwiseF32Neon_3x3s1_flat_4x4(const DepthwiseFlatArgs& a) { templates::Depthwise3x3S1Flat<VecNeon, 4>(a); }
// 2 rows x 8 columns: 10 row maxima and 5 loads. Chosen by register count,
// not timed (no ARM hardware here).
void MaxPoolF32Neon_3x3s2_2x8(const MaxPool3x3Args& a) { templates::MaxPool3x3S2<VecNeon, 2, 2>(a); }

}  // namespace

const NativeKernels& NeonKernels() {
  static const NativeKernels kKernels = {
      Isa::kNeon, {6, 12, GemmF32Neon_6x12}, {1, 16, GemmF32Neon_1x16}, DepthwiseF32Neon_16,
      MaxPoolF32Neon_16, DepthwiseF32Neon_3x3s1_4x4, DepthwiseF32Neon_3x3s2_4x4, DepthwiseF32Neon_3x3s1_flat_4x4,
      16, MaxPoolF32Neon_3x3s2_2x8, {6, 16, PixelTileF32Neon_6x16}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // aarch64
