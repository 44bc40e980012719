// The INT8 output step shared by the 256-bit tiles (AVX2 and AVX-VNNI;
// int8_kernels.h, Int8OutputStep), and the barrier their accumulators leave
// the depth loop through. Internal linkage on purpose: the AVX-VNNI unit is
// built with -mavxvnni, and one shared copy picked by the linker could carry
// AVX-VNNI code into the AVX2 path.
#pragma once

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <cstdint>

#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {
namespace {

// The accumulators into `sums`, behind a compiler barrier. Read directly by
// the output step, GCC 12 keeps most of them on the stack through the depth
// loop (a load, the product and a store each; see the AVX512-VNNI tile);
// ending their live ranges at the loop's exit keeps them in registers.
template <int R, int NV>
inline void SpillAccumulatorsAvx2(const __m256i (&acc)[R][NV], int32_t (&sums)[R][NV][8]) {
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) _mm256_store_si256(reinterpret_cast<__m256i*>(sums[r][v]), acc[r][v]);
  }
  asm volatile("" : : "r"(sums) : "memory");
}

// Row r of a tile, NV registers of 8 sums, requantized exactly as ref does
// (float(acc) * multiplier, round half to even, + zero point, clamp) into
// its nr bytes at y. The bytes go out through a small buffer, since AVX2
// has no narrowing masked store.
template <int NV>
inline void RequantizeRowAvx2(const int32_t (&sums)[NV][8], const Int8OutputStep& o, int r, int64_t nr,
                              uint8_t* y) {
  const __m256 lo = _mm256_set1_ps(o.lo);
  const __m256 hi = _mm256_set1_ps(o.hi);
  const __m256 zp = _mm256_set1_ps(o.y_zp);
  const __m256i off = _mm256_set1_epi32(o.row_offset[r]);
  const __m256 m = _mm256_set1_ps(o.multiplier[r]);
  for (int v = 0; v < NV; ++v) {
    const int64_t left = nr - 8 * v;
    if (left <= 0) break;
    __m256i s = _mm256_add_epi32(_mm256_load_si256(reinterpret_cast<const __m256i*>(sums[v])), off);
    if (o.row_w_zp) {
      const __m256i col = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(o.col_sums + 8 * v));
      s = _mm256_sub_epi32(s, _mm256_mullo_epi32(_mm256_set1_epi32(o.row_w_zp[r]), col));
    }
    __m256 f = _mm256_round_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(s), m), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    f = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(f, zp), lo), hi);
    alignas(32) int32_t q[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(q), _mm256_cvtps_epi32(f));
    const int64_t n = left < 8 ? left : 8;
    for (int64_t j = 0; j < n; ++j) y[8 * v + j] = static_cast<uint8_t>(q[j]);
  }
}

// One pixel's 8 filters of a pixel tile (filters in the lanes): offsets,
// weight zero points (w_zp null when every one is 0) and multipliers per
// lane, the pixel's column sum; requantized as ref does into 8 bytes at y.
// The low byte of each lane is the output, whatever the output's type.
inline void RequantizePixelAvx2(__m256i sums, __m256i offset, const __m256i* w_zp, int32_t col_sum, __m256 m,
                                const Int8OutputStep& o, uint8_t* y) {
  __m256i s = _mm256_add_epi32(sums, offset);
  if (w_zp) s = _mm256_sub_epi32(s, _mm256_mullo_epi32(*w_zp, _mm256_set1_epi32(col_sum)));
  __m256 f = _mm256_round_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(s), m), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  f = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(f, _mm256_set1_ps(o.y_zp)), _mm256_set1_ps(o.lo)),
                    _mm256_set1_ps(o.hi));
  // Bytes 0, 4, 8 and 12 of each 128-bit half, then the two halves' 4 bytes side by side.
  const __m256i low_bytes = _mm256_shuffle_epi8(
      _mm256_cvtps_epi32(f), _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 4, 8,
                                              12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
  const __m128i bytes = _mm_unpacklo_epi32(_mm256_castsi256_si128(low_bytes), _mm256_extracti128_si256(low_bytes, 1));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(y), bytes);
}

}  // namespace
}  // namespace edgebench::native

#endif  // x86
