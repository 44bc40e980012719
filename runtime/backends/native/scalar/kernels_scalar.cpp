// Portable microkernels: the same templates over a one-float "register".
// They run where no SIMD level is available (aarch64 until NEON kernels
// exist, or EDGEBENCH_NATIVE_ISA=scalar); the compiler may still vectorize
// them for the build's own target.
#include <algorithm>

#include "runtime/backends/native/kernel_templates.h"

namespace edgebench::native {
namespace {

struct VecScalar {
  using T = float;
  static constexpr int kWidth = 1;
  static T Zero() { return 0.0f; }
  static T Set1(float v) { return v; }
  static T Load(const float* p) { return *p; }
  static T LoadN(const float* p, int64_t n) { return n > 0 ? *p : 0.0f; }
  static T LoadLanes(const float* p, int64_t lo, int64_t hi) { return lo == 0 && hi > 0 ? *p : 0.0f; }
  static void Store(float* p, T v) { *p = v; }
  static void StoreN(float* p, T v, int64_t n) {
    if (n > 0) *p = v;
  }
  static T Fma(T a, T b, T c) { return a * b + c; }
  static T Add(T a, T b) { return a + b; }
  static T Max(T a, T b) { return std::max(a, b); }
  static T Min(T a, T b) { return std::min(a, b); }
  using M = bool;
  static M MaskOf(uint32_t bits) { return (bits & 1u) != 0; }
  static T LoadMasked(const float* p, M m) { return m ? *p : 0.0f; }
  static T LoadMaskedOr(const float* p, M m, T fill) { return m ? *p : fill; }
  static void StoreMasked(float* p, T v, M m) {
    if (m) *p = v;
  }
  static void Deinterleave(T a, T b, T* even, T* odd) {
    *even = a;
    *odd = b;
  }
  static T ShiftIn(T, T b) { return b; }
};

void GemmF32Scalar_4x8(const GemmTileArgs& a) { templates::GemmTile<VecScalar, 4, 8>(a); }
void GemmF32Scalar_1x8(const GemmTileArgs& a) { templates::GemmTile<VecScalar, 1, 8>(a); }
void DepthwiseF32Scalar_8(const DepthwiseArgs& a) { templates::DepthwiseRun<VecScalar, 8>(a); }
void MaxPoolF32Scalar_8(const MaxPoolArgs& a) { templates::MaxPoolRun<VecScalar, 8>(a); }
void DepthwiseF32Scalar_3x3s1_2x1(const Depthwise3x3Args& a) { templates::Depthwise3x3S1<VecScalar, 2, 1>(a); }
void DepthwiseF32Scalar_3x3s2_2x1(const Depthwise3x3Args& a) { templates::Depthwise3x3S2<VecScalar, 2, 1>(a); }
void MaxPoolF32Scalar_3x3s2_2x1(const MaxPool3x3Args& a) { templates::MaxPool3x3S2<VecScalar, 2, 1>(a); }

}  // namespace

const NativeKernels& ScalarKernels() {
  static const NativeKernels kKernels = {
      Isa::kScalar, {4, 8, GemmF32Scalar_4x8}, {1, 8, GemmF32Scalar_1x8}, DepthwiseF32Scalar_8,
      MaxPoolF32Scalar_8, DepthwiseF32Scalar_3x3s1_2x1, DepthwiseF32Scalar_3x3s2_2x1,
      // No flat kernel: its taps 1 and 2 shift in from the next register, which
      // needs registers of 2 lanes or more; narrow planes take the phase path.
      nullptr, 16, MaxPoolF32Scalar_3x3s2_2x1,
      // No pixel tile: one lane per register has no wide-row waste to avoid.
      {}};
  return kKernels;
}

}  // namespace edgebench::native
