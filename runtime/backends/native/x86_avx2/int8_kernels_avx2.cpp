// AVX2 INT8 tile (built with -mavx2 -mfma; called when Int8IsaFor chose
// kAvx2). vpmaddubsw would be the one-instruction u8 x s8 product, but it
// adds each pair into a saturating int16: 255 * 127 * 2 = 64770 > 32767, so
// it clips on ordinary data. Instead the u8 activations are split into their
// even and odd bytes as int16 (a mask and a shift, exact) and multiplied with
// int16 weights by vpmaddwd, which adds each pair into an int32: at most
// 2 * 255 * 128 = 65280, far from overflow.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/int8_pixel_tile_counts.h"
#include "runtime/backends/native/x86_avx2/int8_requantize_avx2.h"

namespace edgebench::native {
namespace {

// MR rows x NV registers of 8 columns: 4 x 2 keeps 8 accumulators, 4 split
// column registers and 2 weight broadcasts in the 16 ymm registers.
template <int MR, int NV>
void GemmU8S8Avx2(const Int8GemmTileArgs& a) {
  __m256i acc[MR][NV];
#pragma GCC unroll 8
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[r][v] = _mm256_setzero_si256();
  }
  // Each column's 4 bytes (k0 k1 k2 k3) as two int16 pairs: (k0, k2) and (k1, k3),
  // matching the panel's (w0, w2) and (w1, w3).
  const __m256i low_bytes = _mm256_set1_epi16(0x00ff);
  const auto* w = static_cast<const int32_t*>(a.w);
  const uint8_t* x = a.x;
  for (int64_t t = 0; t < a.k4; ++t, x += a.x_stride, w += 2 * MR) {
    __m256i even[NV], odd[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + 32 * v));
      even[v] = _mm256_and_si256(xv, low_bytes);
      odd[v] = _mm256_srli_epi16(xv, 8);
    }
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      const __m256i w02 = _mm256_set1_epi32(w[2 * r]);
      const __m256i w13 = _mm256_set1_epi32(w[2 * r + 1]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        acc[r][v] = _mm256_add_epi32(acc[r][v], _mm256_madd_epi16(even[v], w02));
        acc[r][v] = _mm256_add_epi32(acc[r][v], _mm256_madd_epi16(odd[v], w13));
      }
    }
  }

  alignas(32) int32_t sums[MR][NV][8];
  SpillAccumulatorsAvx2<MR, NV>(acc, sums);
  for (int r = 0; r < MR && r < a.mr; ++r) RequantizeRowAvx2<NV>(sums[r], *a.out, r, a.nr, a.y + r * a.ld_y);
}

void GemmU8S8Avx2_4x16(const Int8GemmTileArgs& a) { GemmU8S8Avx2<4, 2>(a); }

// Int8PixelTileArgs with exactly PR pixels and 8 filters, on the same exact
// int16 products: per group of 4 depth values, the panel's 8 x 4 int8 are
// widened into two registers of int16 (w0 w1 w2 w3 per filter) and each
// pixel's 4 bytes into (x0 x1 x2 x3) repeated, so vpmaddwd leaves
// x0 w0 + x1 w1 and x2 w2 + x3 w3 in a filter's two adjacent int32 lanes;
// one vphaddd per pixel adds them at the end.
template <int PR>
void PixelTileAvx2Fixed(const Int8PixelTileArgs& a) {
  __m256i acc[PR][2];
#pragma GCC unroll 8
  for (int p = 0; p < PR; ++p) acc[p][0] = acc[p][1] = _mm256_setzero_si256();
  ForEachDepthGroup<PR>(a, 32, [&](const uint8_t* const* x, int64_t t, const uint8_t* w) {
    const __m256i w03 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w)));
    const __m256i w47 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 16)));
#pragma GCC unroll 8
    for (int p = 0; p < PR; ++p) {
      int32_t bytes;
      __builtin_memcpy(&bytes, x[p] + 4 * t, 4);
      const __m256i xw = _mm256_cvtepu8_epi16(_mm_set1_epi32(bytes));
      acc[p][0] = _mm256_add_epi32(acc[p][0], _mm256_madd_epi16(xw, w03));
      acc[p][1] = _mm256_add_epi32(acc[p][1], _mm256_madd_epi16(xw, w47));
    }
  });
  const Int8OutputStep& o = *a.out;
  const __m256i off = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(o.row_offset));
  const __m256 m = _mm256_loadu_ps(o.multiplier);
  const __m256i w_zp =
      o.row_w_zp ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(o.row_w_zp)) : _mm256_setzero_si256();
  for (int p = 0; p < PR; ++p) {
    // hadd gives filters (0 1 4 5 | 2 3 6 7); the 64-bit permute puts them in order.
    const __m256i sums = _mm256_permute4x64_epi64(_mm256_hadd_epi32(acc[p][0], acc[p][1]), 0xD8);
    RequantizePixelAvx2(sums, off, o.row_w_zp ? &w_zp : nullptr, o.row_w_zp ? o.col_sums[p] : 0, m, o,
                        a.y + p * a.ld_y);
  }
}

void PixelTileAvx2_6x8(const Int8PixelTileArgs& a) {
  ForPixelCount<6>(a.np, [&](auto n) { PixelTileAvx2Fixed<decltype(n)::value>(a); });
}

}  // namespace

const Int8Kernels& Avx2Int8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kAvx2,
                                       {4, 16, Int8WeightFormat::kS16Pairs02_13, GemmU8S8Avx2_4x16},
                                       {6, 8, PixelTileAvx2_6x8},
                                       {}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
