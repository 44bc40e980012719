// AVX512-VNNI INT8 tile (built with -mavx512f -mavx512bw -mavx512vl
// -mavx512vnni; called only when Int8IsaFor chose kAvx512Vnni). vpdpbusd
// multiplies 64 u8 activations by 64 s8 weights and adds each group of 4
// products into an int32 lane, without intermediate saturation.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/int8_pixel_tile_counts.h"

// GCC 12 reports the undefined vectors inside its own avx512fintrin.h
// intrinsics as (maybe-)uninitialized once they are inlined into a loop.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace edgebench::native {
namespace {

// Requantize exactly as ref does: float(acc) * multiplier, round half to
// even (the default MXCSR mode), + zero point, clamp; the int32 lanes whose
// low bytes are the outputs.
inline __m512i Requantize(__m512i acc, __m512 multiplier, __m512 zp, __m512 lo, __m512 hi) {
  __m512 f = _mm512_roundscale_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc), multiplier),
                                  _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  f = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(f, zp), lo), hi);
  return _mm512_cvtps_epi32(f);
}

// The accumulators into `sums`, behind a compiler barrier. When the output
// step reads the accumulators directly, GCC 12's register allocator keeps
// most of them on the stack through the depth loop (a load, vpdpbusd and
// store per product: about 45% of peak instead of 90%); ending their live
// ranges at the loop's exit keeps them all in zmm registers.
template <int R, int NV>
inline void SpillAccumulators(const __m512i (&acc)[R][NV], int32_t (&sums)[R][NV][16]) {
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) _mm512_store_si512(sums[r][v], acc[r][v]);
  }
  asm volatile("" : : "r"(sums) : "memory");
}

// MR rows x NV registers of 16 columns: 8 x 3 keeps 24 accumulators, 3 column
// loads and a broadcast in the 32 zmm registers.
template <int MR, int NV>
void GemmU8S8Vnni(const Int8GemmTileArgs& a) {
  __m512i acc[MR][NV];
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_setzero_si512();
  }
  const auto* w = static_cast<const int32_t*>(a.w);
  const uint8_t* x = a.x;
  for (int64_t t = 0; t < a.k4; ++t, x += a.x_stride, w += MR) {
    __m512i xv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) xv[v] = _mm512_loadu_si512(x + 64 * v);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      const __m512i wr = _mm512_set1_epi32(w[r]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_dpbusd_epi32(acc[r][v], xv[v], wr);
    }
  }

  alignas(64) int32_t sums[MR][NV][16];
  SpillAccumulators<MR, NV>(acc, sums);
  const Int8OutputStep& o = *a.out;
  const __m512 lo = _mm512_set1_ps(o.lo);
  const __m512 hi = _mm512_set1_ps(o.hi);
  const __m512 zp = _mm512_set1_ps(o.y_zp);
  for (int r = 0; r < MR; ++r) {
    if (r >= a.mr) break;
    uint8_t* y = a.y + r * a.ld_y;
    const __m512i off = _mm512_set1_epi32(o.row_offset[r]);
    const __m512 m = _mm512_set1_ps(o.multiplier[r]);
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const int64_t left = a.nr - 16 * v;
      if (left <= 0) break;
      __m512i s = _mm512_add_epi32(_mm512_load_si512(sums[r][v]), off);
      if (o.row_w_zp) {
        const __m512i col = _mm512_loadu_si512(o.col_sums + 16 * v);
        s = _mm512_sub_epi32(s, _mm512_mullo_epi32(_mm512_set1_epi32(o.row_w_zp[r]), col));
      }
      const __mmask16 mask = left >= 16 ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << left) - 1u);
      _mm512_mask_cvtepi32_storeu_epi8(y + 16 * v, mask, Requantize(s, m, zp, lo, hi));
    }
  }
}

void GemmU8S8Avx512Vnni_8x48(const Int8GemmTileArgs& a) { GemmU8S8Vnni<8, 3>(a); }

// Int8PixelTileArgs with exactly PR pixels and NV registers of 16 filters:
// per group of 4 depth values, NV panel loads and PR broadcasts of a pixel's
// 4 bytes (read in place, one pointer per pixel and run) feed PR * NV
// vpdpbusd on as many accumulators.
template <int PR, int NV>
void PixelTileVnniFixed(const Int8PixelTileArgs& a) {
  __m512i acc[PR][NV];
#pragma GCC unroll 8
  for (int p = 0; p < PR; ++p) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[p][v] = _mm512_setzero_si512();
  }
  ForEachDepthGroup<PR>(a, 64 * NV, [&](const uint8_t* const* x, int64_t t, const uint8_t* w) {
    __m512i wv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) wv[v] = _mm512_loadu_si512(w + 64 * v);
#pragma GCC unroll 8
    for (int p = 0; p < PR; ++p) {
      int32_t bytes;
      __builtin_memcpy(&bytes, x[p] + 4 * t, 4);
      const __m512i xb = _mm512_set1_epi32(bytes);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[p][v] = _mm512_dpbusd_epi32(acc[p][v], xb, wv[v]);
    }
  });

  alignas(64) int32_t sums[PR][NV][16];
  SpillAccumulators<PR, NV>(acc, sums);
  const Int8OutputStep& o = *a.out;
  const __m512 lo = _mm512_set1_ps(o.lo);
  const __m512 hi = _mm512_set1_ps(o.hi);
  const __m512 zp = _mm512_set1_ps(o.y_zp);
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const __m512i off = _mm512_loadu_si512(o.row_offset + 16 * v);
    const __m512 m = _mm512_loadu_ps(o.multiplier + 16 * v);
    const __m512i w_zp = o.row_w_zp ? _mm512_loadu_si512(o.row_w_zp + 16 * v) : _mm512_setzero_si512();
#pragma GCC unroll 8
    for (int p = 0; p < PR; ++p) {
      __m512i s = _mm512_add_epi32(_mm512_load_si512(sums[p][v]), off);
      if (o.row_w_zp) s = _mm512_sub_epi32(s, _mm512_mullo_epi32(w_zp, _mm512_set1_epi32(o.col_sums[p])));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(a.y + p * a.ld_y + 16 * v),
                       _mm512_cvtepi32_epi8(Requantize(s, m, zp, lo, hi)));
    }
  }
}

void PixelTileAvx512Vnni_6x64(const Int8PixelTileArgs& a) {
  ForPixelCount<6>(a.np, [&](auto n) { PixelTileVnniFixed<decltype(n)::value, 4>(a); });
}
void PixelTileAvx512Vnni_8x32(const Int8PixelTileArgs& a) {
  ForPixelCount<8>(a.np, [&](auto n) { PixelTileVnniFixed<decltype(n)::value, 2>(a); });
}

}  // namespace

const Int8Kernels& Avx512VnniInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kAvx512Vnni,
                                       {8, 48, Int8WeightFormat::kS8x4, GemmU8S8Avx512Vnni_8x48},
                                       {6, 64, PixelTileAvx512Vnni_6x64},
                                       {8, 32, PixelTileAvx512Vnni_8x32}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
