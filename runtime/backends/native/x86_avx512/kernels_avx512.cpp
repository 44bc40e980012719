// AVX-512F microkernels (built with -mavx512f -mavx512bw -mavx512vl
// -mavx512dq -mfma; called only when SelectIsa allowed kAvx512). Tails use
// opmask loads and stores, which do not touch masked-off lanes.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/kernel_templates.h"

// GCC 12 reports the _mm512_undefined_ps() inside its own avx512fintrin.h
// max/min intrinsics as maybe-uninitialized once they are inlined into a loop
// (and, in MaxPool3x3S2's fully unrolled passes, as uninitialized).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace edgebench::native {
namespace {

struct VecAvx512 {
  using T = __m512;
  static constexpr int kWidth = 16;
  static __mmask16 Mask(int64_t n) { return static_cast<__mmask16>((1u << n) - 1u); }
  static T Zero() { return _mm512_setzero_ps(); }
  static T Set1(float v) { return _mm512_set1_ps(v); }
  static T Load(const float* p) { return _mm512_loadu_ps(p); }
  static T LoadN(const float* p, int64_t n) { return _mm512_maskz_loadu_ps(Mask(n), p); }
  static T LoadLanes(const float* p, int64_t lo, int64_t hi) {
    return _mm512_maskz_loadu_ps(static_cast<__mmask16>(Mask(hi) & ~Mask(lo)), p);
  }
  static void Store(float* p, T v) { _mm512_storeu_ps(p, v); }
  static void StoreN(float* p, T v, int64_t n) { _mm512_mask_storeu_ps(p, Mask(n), v); }
  static T Fma(T a, T b, T c) { return _mm512_fmadd_ps(a, b, c); }
  static T Add(T a, T b) { return _mm512_add_ps(a, b); }
  static T Max(T a, T b) { return _mm512_max_ps(a, b); }
  static T Min(T a, T b) { return _mm512_min_ps(a, b); }
  using M = __mmask16;
  static M MaskOf(uint32_t bits) { return static_cast<__mmask16>(bits); }
  static T LoadMasked(const float* p, M m) { return _mm512_maskz_loadu_ps(m, p); }
  static T LoadMaskedOr(const float* p, M m, T fill) { return _mm512_mask_loadu_ps(fill, m, p); }
  static void StoreMasked(float* p, T v, M m) { _mm512_mask_storeu_ps(p, m, v); }
  static void Deinterleave(T a, T b, T* even, T* odd) {
    const __m512i even_idx = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd_idx = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    *even = _mm512_permutex2var_ps(a, even_idx, b);
    *odd = _mm512_permutex2var_ps(a, odd_idx, b);
  }
  static T ShiftIn(T a, T b) {
    return _mm512_castsi512_ps(_mm512_alignr_epi32(_mm512_castps_si512(b), _mm512_castps_si512(a), 1));
  }
  static T ShiftIn2(T a, T b) {
    return _mm512_castsi512_ps(_mm512_alignr_epi32(_mm512_castps_si512(b), _mm512_castps_si512(a), 2));
  }
  static T FmaMasked(T a, T b, T c, M m) { return _mm512_mask3_fmadd_ps(a, b, c, m); }
};

// 8 x 32: 16 accumulators, 2 loads and 8 broadcasts per 16 FMAs.
void GemmF32Avx512_8x32(const GemmTileArgs& a) { templates::GemmTile<VecAvx512, 8, 2>(a); }
void GemmF32Avx512_1x64(const GemmTileArgs& a) { templates::GemmTile<VecAvx512, 1, 4>(a); }
// 12 x 32: 24 accumulators, 2 loads and 12 broadcasts per 24 FMAs (27 zmm).
// For small planes only: 64-filter layers would pad 64 rows to 72.
void GemmF32Avx512_12x32(const GemmTileArgs& a) { templates::GemmTile<VecAvx512, 12, 2>(a); }
// 6 pixels x 64 filters: 24 accumulators, 4 loads and 6 broadcasts per 24 FMAs.
void PixelTileF32Avx512_6x64(const PixelTileArgs& a) { templates::PixelTile<VecAvx512, 6, 4>(a); }
void DepthwiseF32Avx512_64(const DepthwiseArgs& a) { templates::DepthwiseRun<VecAvx512, 4>(a); }
void MaxPoolF32Avx512_64(const MaxPoolArgs& a) { templates::MaxPoolRun<VecAvx512, 4>(a); }
// 4 rows x 32 columns: 8 accumulators, 9 weights and 3 shifted rows in 32 zmm.
// (8 x 16 and 6 x 16 ran ~1.7x slower on MobileNetV2's 144@56, likely spills;
// 4 x 16 and 2 x 32 were within noise of 4 x 32.)
void DepthwiseF32Avx512_3x3s1_4x32(const Depthwise3x3Args& a) { templates::Depthwise3x3S1<VecAvx512, 4, 2>(a); }
// 4 rows x 32 columns where the output row has more than 16 columns, else 4 x
// 16 (best of 200 here: 144@56 49 vs 39 GFLOP/s, 192@28 34 vs 37; 3 x 32,
// 5 x 32, 6 x 32 and 4 x 48 no better).
void DepthwiseF32Avx512_3x3s2_4x32(const Depthwise3x3Args& a) {
  if (a.out_w > 16) {
    templates::Depthwise3x3S2<VecAvx512, 4, 2>(a);
  } else {
    templates::Depthwise3x3S2<VecAvx512, 4, 1>(a);
  }
}
void DepthwiseF32Avx512_3x3s1_flat_8x16(const DepthwiseFlatArgs& a) { templates::Depthwise3x3S1Flat<VecAvx512, 8>(a); }
// 4 rows x 16 columns: 12 row maxima and 3 loads. Standalone, best of 300
// here (us for all planes, 1 thread): SqueezeNet 64@111 58 (2x32 59, 4x32 57),
// 128@55 31 (2x32 41), 256@27 17 (2x32 27, 2x16 20); ResNet 64@112 pad 1 66
// (2x32 79, 4x32 75); 3x16, 6x16, 8x16, 2x48 no better.
void MaxPoolF32Avx512_3x3s2_4x16(const MaxPool3x3Args& a) { templates::MaxPool3x3S2<VecAvx512, 4, 1>(a); }

}  // namespace

const NativeKernels& Avx512Kernels() {
  static const NativeKernels kKernels = {
      Isa::kAvx512, {8, 32, GemmF32Avx512_8x32}, {1, 64, GemmF32Avx512_1x64}, DepthwiseF32Avx512_64,
      MaxPoolF32Avx512_64, DepthwiseF32Avx512_3x3s1_4x32, DepthwiseF32Avx512_3x3s2_4x32,
      DepthwiseF32Avx512_3x3s1_flat_8x16,
      // Flat below 32 columns: the direct kernel's 32-column passes are part
      // empty there (best of 300 here: 576@16 60 vs 33 GFLOP/s, 192@28 57 vs
      // 52; 144@56 51 vs 68). On avx2 (8-column passes) the direct kernel
      // keeps 16 and more: 576@16 30 flat vs 34, 192@28 33 vs 35.
      32, MaxPoolF32Avx512_3x3s2_4x16, {6, 64, PixelTileF32Avx512_6x64}};
  return kKernels;
}

const NativeKernels& Avx512SmallPlaneKernels() {
  static const NativeKernels kKernels = [] {
    NativeKernels k = Avx512Kernels();
    k.gemm = {12, 32, GemmF32Avx512_12x32};
    return k;
  }();
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
