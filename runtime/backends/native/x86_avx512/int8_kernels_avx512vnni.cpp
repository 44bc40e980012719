// AVX512-VNNI INT8 tile (built with -mavx512f -mavx512bw -mavx512vl
// -mavx512vnni; called only when Int8IsaFor chose kAvx512Vnni). vpdpbusd
// multiplies 64 u8 activations by 64 s8 weights and adds each group of 4
// products into an int32 lane, without intermediate saturation.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_kernels.h"

// GCC 12 reports the undefined vectors inside its own avx512fintrin.h
// intrinsics as maybe-uninitialized once they are inlined into a loop.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace edgebench::native {
namespace {

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

  // Requantize exactly as ref does: float(acc) * multiplier, round half to
  // even (the default MXCSR mode), + zero point, clamp, keep the low byte.
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
      __m512i s = _mm512_add_epi32(acc[r][v], off);
      if (o.row_w_zp) {
        const __m512i sums = _mm512_loadu_si512(o.col_sums + 16 * v);
        s = _mm512_sub_epi32(s, _mm512_mullo_epi32(_mm512_set1_epi32(o.row_w_zp[r]), sums));
      }
      __m512 f = _mm512_roundscale_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(s), m), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      f = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(f, zp), lo), hi);
      const __mmask16 mask = left >= 16 ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << left) - 1u);
      _mm512_mask_cvtepi32_storeu_epi8(y + 16 * v, mask, _mm512_cvtps_epi32(f));
    }
  }
}

void GemmU8S8Avx512Vnni_8x48(const Int8GemmTileArgs& a) { GemmU8S8Vnni<8, 3>(a); }

}  // namespace

const Int8Kernels& Avx512VnniInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kAvx512Vnni,
                                       {8, 48, Int8WeightFormat::kS8x4, GemmU8S8Avx512Vnni_8x48}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
