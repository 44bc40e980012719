// AVX-VNNI INT8 tile (built with -mavx2 -mfma -mavxvnni; called only when
// Int8IsaFor chose kAvxVnni: a CPU with the VEX-encoded vpdpbusd but not the
// AVX-512 one, such as Alder Lake and later client parts). The same u8 x s8
// products into int32 lanes as AVX512-VNNI, on 8 lanes, with 16 ymm
// registers.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/int8_pixel_tile_counts.h"
#include "runtime/backends/native/x86_avx2/int8_requantize_avx2.h"

namespace edgebench::native {
namespace {

// MR rows x NV registers of 8 columns: 6 x 2 keeps 12 accumulators, 2 column
// loads and a broadcast in the 16 ymm registers.
template <int MR, int NV>
void GemmU8S8AvxVnni(const Int8GemmTileArgs& a) {
  __m256i acc[MR][NV];
#pragma GCC unroll 8
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[r][v] = _mm256_setzero_si256();
  }
  const auto* w = static_cast<const int32_t*>(a.w);
  const uint8_t* x = a.x;
  for (int64_t t = 0; t < a.k4; ++t, x += a.x_stride, w += MR) {
    __m256i xv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) xv[v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + 32 * v));
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      const __m256i wr = _mm256_set1_epi32(w[r]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm256_dpbusd_avx_epi32(acc[r][v], xv[v], wr);
    }
  }
  alignas(32) int32_t sums[MR][NV][8];
  SpillAccumulatorsAvx2<MR, NV>(acc, sums);
  for (int r = 0; r < MR && r < a.mr; ++r) RequantizeRowAvx2<NV>(sums[r], *a.out, r, a.nr, a.y + r * a.ld_y);
}

void GemmU8S8AvxVnni_6x16(const Int8GemmTileArgs& a) { GemmU8S8AvxVnni<6, 2>(a); }

// Int8PixelTileArgs with exactly PR pixels and NV registers of 8 filters:
// per group of 4 depth values, NV panel loads and PR broadcasts of a pixel's
// 4 bytes (read in place, one pointer per pixel and run) feed PR * NV
// vpdpbusd.
template <int PR, int NV>
void PixelTileAvxVnniFixed(const Int8PixelTileArgs& a) {
  __m256i acc[PR][NV];
#pragma GCC unroll 8
  for (int p = 0; p < PR; ++p) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[p][v] = _mm256_setzero_si256();
  }
  ForEachDepthGroup<PR>(a, 32 * NV, [&](const uint8_t* const* x, int64_t t, const uint8_t* w) {
    __m256i wv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) wv[v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 32 * v));
#pragma GCC unroll 8
    for (int p = 0; p < PR; ++p) {
      int32_t bytes;
      __builtin_memcpy(&bytes, x[p] + 4 * t, 4);
      const __m256i xb = _mm256_set1_epi32(bytes);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[p][v] = _mm256_dpbusd_avx_epi32(acc[p][v], xb, wv[v]);
    }
  });
  alignas(32) int32_t sums[PR][NV][8];
  SpillAccumulatorsAvx2<PR, NV>(acc, sums);
  const Int8OutputStep& o = *a.out;
  for (int v = 0; v < NV; ++v) {
    const __m256i off = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(o.row_offset + 8 * v));
    const __m256 m = _mm256_loadu_ps(o.multiplier + 8 * v);
    const __m256i w_zp =
        o.row_w_zp ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(o.row_w_zp + 8 * v)) : _mm256_setzero_si256();
    for (int p = 0; p < PR; ++p) {
      RequantizePixelAvx2(_mm256_load_si256(reinterpret_cast<const __m256i*>(sums[p][v])), off,
                          o.row_w_zp ? &w_zp : nullptr, o.row_w_zp ? o.col_sums[p] : 0, m, o,
                          a.y + p * a.ld_y + 8 * v);
    }
  }
}

void PixelTileAvxVnni_6x16(const Int8PixelTileArgs& a) {
  ForPixelCount<6>(a.np, [&](auto n) { PixelTileAvxVnniFixed<decltype(n)::value, 2>(a); });
}
void PixelTileAvxVnni_8x8(const Int8PixelTileArgs& a) {
  ForPixelCount<8>(a.np, [&](auto n) { PixelTileAvxVnniFixed<decltype(n)::value, 1>(a); });
}

}  // namespace

const Int8Kernels& AvxVnniInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kAvxVnni,
                                       {6, 16, Int8WeightFormat::kS8x4, GemmU8S8AvxVnni_6x16},
                                       {6, 16, PixelTileAvxVnni_6x16},
                                       {8, 8, PixelTileAvxVnni_8x8}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
