// AVX2 + FMA microkernels (built with -mavx2 -mfma; called only when
// SelectIsa allowed kAvx2). Tails use vmaskmovps, which does not touch
// masked-off lanes.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/kernel_templates.h"

namespace edgebench::native {
namespace {

struct VecAvx2 {
  using T = __m256;
  static constexpr int kWidth = 8;
  static __m256i Mask(int64_t n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static T Zero() { return _mm256_setzero_ps(); }
  static T Set1(float v) { return _mm256_set1_ps(v); }
  static T Load(const float* p) { return _mm256_loadu_ps(p); }
  static T LoadN(const float* p, int64_t n) { return _mm256_maskload_ps(p, Mask(n)); }
  static T LoadLanes(const float* p, int64_t lo, int64_t hi) {
    return _mm256_maskload_ps(p, _mm256_andnot_si256(Mask(lo), Mask(hi)));
  }
  static void Store(float* p, T v) { _mm256_storeu_ps(p, v); }
  static void StoreN(float* p, T v, int64_t n) { _mm256_maskstore_ps(p, Mask(n), v); }
  static T Fma(T a, T b, T c) { return _mm256_fmadd_ps(a, b, c); }
  static T Add(T a, T b) { return _mm256_add_ps(a, b); }
  static T Max(T a, T b) { return _mm256_max_ps(a, b); }
  static T Min(T a, T b) { return _mm256_min_ps(a, b); }
};

// 6 x 16: 12 accumulators, 2 loads and 6 broadcasts per 12 FMAs (16 ymm).
void GemmF32Avx2_6x16(const GemmTileArgs& a) { templates::GemmTile<VecAvx2, 6, 2>(a); }
void GemmF32Avx2_1x32(const GemmTileArgs& a) { templates::GemmTile<VecAvx2, 1, 4>(a); }
void DepthwiseF32Avx2_32(const DepthwiseArgs& a) { templates::DepthwiseRun<VecAvx2, 4>(a); }
void MaxPoolF32Avx2_32(const MaxPoolArgs& a) { templates::MaxPoolRun<VecAvx2, 4>(a); }
// 4 rows x 8 columns: 4 accumulators, 9 weights and 3 shifted rows in 16 ymm.
void DepthwiseF32Avx2_3x3s1_4x8(const Depthwise3x3Args& a) { templates::Depthwise3x3S1<VecAvx2, 4, 1>(a); }

}  // namespace

const NativeKernels& Avx2Kernels() {
  static const NativeKernels kKernels = {
      Isa::kAvx2, {6, 16, GemmF32Avx2_6x16}, {1, 32, GemmF32Avx2_1x32}, DepthwiseF32Avx2_32,
      MaxPoolF32Avx2_32, DepthwiseF32Avx2_3x3s1_4x8};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
