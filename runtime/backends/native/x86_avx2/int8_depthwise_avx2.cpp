// AVX2 INT8 depthwise run (built with -mavx2 -mfma; called when Int8IsaFor
// chose kAvx2). vpmaddwd multiplies the 8 int16 pairs of a register by a
// broadcast weight pair and adds each pair into an int32 lane (at most
// 2 * 255 * 255, exact); vpaddd accumulates, wrapping like ref's int32 sum.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_depthwise_kernels.h"
#include "runtime/backends/native/int8_depthwise_pack.h"

namespace edgebench::native {
namespace {

constexpr int kLanes = 8;

// NV registers of 8 outputs starting at output j, requantized to int32
// exactly as ref does (float(acc) * multiplier, round half to even, + zero
// point, clamp) into q.
template <int NV>
inline void DwAccumulate(const Int8DwRunArgs& a, int64_t j, __m256i q[NV]) {
  __m256i acc[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) acc[v] = _mm256_set1_epi32(a.bias);
  for (int64_t p = 0; p < a.pairs; ++p) {
    const __m256i w = _mm256_set1_epi32(a.weights[p]);
    const int16_t* t = a.taps[p] + 2 * j;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t + 2 * kLanes * v));
      acc[v] = _mm256_add_epi32(acc[v], _mm256_madd_epi16(x, w));
    }
  }
  const __m256 m = _mm256_set1_ps(a.multiplier);
  const __m256 zp = _mm256_set1_ps(a.y_zp);
  const __m256 lo = _mm256_set1_ps(a.lo);
  const __m256 hi = _mm256_set1_ps(a.hi);
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    __m256 f = _mm256_round_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc[v]), m),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    f = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(f, zp), lo), hi);
    q[v] = _mm256_cvtps_epi32(f);
  }
}

// 32 whole outputs: the clamped int32 narrow exactly through the packs (with
// unsigned saturation for uint8 y), then one permute undoes their lane order.
void DwBlock32(const Int8DwRunArgs& a, int64_t j) {
  __m256i q[4];
  DwAccumulate<4>(a, j, q);
  const __m256i q01 = _mm256_packs_epi32(q[0], q[1]);
  const __m256i q23 = _mm256_packs_epi32(q[2], q[3]);
  const __m256i bytes = a.lo < 0.0f ? _mm256_packs_epi16(q01, q23) : _mm256_packus_epi16(q01, q23);
  const __m256i ordered = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(a.y + j), ordered);
}

// 8 outputs or the run's last few, through a small buffer (AVX2 has no
// narrowing masked store).
void DwBlock8(const Int8DwRunArgs& a, int64_t j) {
  __m256i q[1];
  DwAccumulate<1>(a, j, q);
  alignas(32) int32_t lanes[kLanes];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), q[0]);
  const int64_t n = a.count - j < kLanes ? a.count - j : kLanes;
  for (int64_t i = 0; i < n; ++i) a.y[j + i] = static_cast<uint8_t>(lanes[i]);
}

void DwRunAvx2_8(const Int8DwRunArgs& a) {
  int64_t j = 0;
  for (; j + 4 * kLanes <= a.count; j += 4 * kLanes) DwBlock32(a, j);
  for (; j < a.count; j += kLanes) DwBlock8(a, j);
}

}  // namespace

const Int8DepthwiseKernels& Avx2Int8DepthwiseKernels() {
  static const Int8DepthwiseKernels kKernels = {Int8Isa::kAvx2, kLanes, int8_dw::PackPairRow<Int8Isa::kAvx2>,
                                                int8_dw::CopyRows<Int8Isa::kAvx2>,
                                                int8_dw::PairRows<Int8Isa::kAvx2>, DwRunAvx2_8,
                                                int8_dw::Unpad<Int8Isa::kAvx2>};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
