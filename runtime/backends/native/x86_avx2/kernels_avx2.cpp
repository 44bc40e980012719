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
  using M = __m256i;
  static M MaskOf(uint32_t bits) {
    const __m256i lane_bits = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128);
    return _mm256_cmpeq_epi32(_mm256_and_si256(_mm256_set1_epi32(static_cast<int>(bits)), lane_bits), lane_bits);
  }
  static T LoadMasked(const float* p, M m) { return _mm256_maskload_ps(p, m); }
  static T LoadMaskedOr(const float* p, M m, T fill) {
    return _mm256_blendv_ps(fill, _mm256_maskload_ps(p, m), _mm256_castsi256_ps(m));
  }
  static void StoreMasked(float* p, T v, M m) { _mm256_maskstore_ps(p, m, v); }
  // shuffle_ps takes lanes (0, 2) or (1, 3) of each 128-bit half of a and b:
  // a0 a2 b0 b2 | a4 a6 b4 b6; the 64-bit permute puts a's pairs first.
  static void Deinterleave(T a, T b, T* even, T* odd) {
    *even = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, 0x88)), 0xD8));
    *odd = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, 0xDD)), 0xD8));
  }
  // a4..a7 b0..b3, then each 128-bit half shifted by one float against a's.
  static T ShiftIn(T a, T b) {
    const __m256i t = _mm256_castps_si256(_mm256_permute2f128_ps(a, b, 0x21));
    return _mm256_castsi256_ps(_mm256_alignr_epi8(t, _mm256_castps_si256(a), 4));
  }
  static T ShiftIn2(T a, T b) {
    const __m256i t = _mm256_castps_si256(_mm256_permute2f128_ps(a, b, 0x21));
    return _mm256_castsi256_ps(_mm256_alignr_epi8(t, _mm256_castps_si256(a), 8));
  }
  static T FmaMasked(T a, T b, T c, M m) { return _mm256_blendv_ps(c, _mm256_fmadd_ps(a, b, c), _mm256_castsi256_ps(m)); }
};

// 6 x 16: 12 accumulators, 2 loads and 6 broadcasts per 12 FMAs (16 ymm).
void GemmF32Avx2_6x16(const GemmTileArgs& a) { templates::GemmTile<VecAvx2, 6, 2>(a); }
void GemmF32Avx2_1x32(const GemmTileArgs& a) { templates::GemmTile<VecAvx2, 1, 4>(a); }
// 6 pixels x 16 filters: 12 accumulators, 2 loads and 6 broadcasts per 12 FMAs.
void PixelTileF32Avx2_6x16(const PixelTileArgs& a) { templates::PixelTile<VecAvx2, 6, 2>(a); }
void DepthwiseF32Avx2_32(const DepthwiseArgs& a) { templates::DepthwiseRun<VecAvx2, 4>(a); }
void MaxPoolF32Avx2_32(const MaxPoolArgs& a) { templates::MaxPoolRun<VecAvx2, 4>(a); }
// 4 rows x 8 columns: 4 accumulators, 9 weights and 3 shifted rows in 16 ymm.
void DepthwiseF32Avx2_3x3s1_4x8(const Depthwise3x3Args& a) { templates::Depthwise3x3S1<VecAvx2, 4, 1>(a); }
void DepthwiseF32Avx2_3x3s2_2x8(const Depthwise3x3Args& a) { templates::Depthwise3x3S2<VecAvx2, 2, 1>(a); }
void DepthwiseF32Avx2_3x3s1_flat_8x8(const DepthwiseFlatArgs& a) { templates::Depthwise3x3S1Flat<VecAvx2, 8>(a); }
// 4 rows x 8 columns: 12 row maxima and 3 loads in 16 ymm. Standalone, best
// of 300 here (us, 1 thread): SqueezeNet 64@111 69 (2x8 72), 128@55 38 (2x8
// 41), 256@27 19 (2x8 21); ResNet 64@112 pad 1 67 (2x8 75); 3x8 within noise,
// 2x16 and 1x16 slower on the small planes.
void MaxPoolF32Avx2_3x3s2_4x8(const MaxPool3x3Args& a) { templates::MaxPool3x3S2<VecAvx2, 4, 1>(a); }

}  // namespace

const NativeKernels& Avx2Kernels() {
  static const NativeKernels kKernels = {
      Isa::kAvx2, {6, 16, GemmF32Avx2_6x16}, {1, 32, GemmF32Avx2_1x32}, DepthwiseF32Avx2_32,
      MaxPoolF32Avx2_32, DepthwiseF32Avx2_3x3s1_4x8, DepthwiseF32Avx2_3x3s2_2x8,
      DepthwiseF32Avx2_3x3s1_flat_8x8, 16, MaxPoolF32Avx2_3x3s2_4x8, {6, 16, PixelTileF32Avx2_6x16}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
