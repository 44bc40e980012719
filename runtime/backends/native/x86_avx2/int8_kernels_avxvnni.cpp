// AVX-VNNI INT8 tile (built with -mavx2 -mfma -mavxvnni; called only when
// Int8IsaFor chose kAvxVnni: a CPU with the VEX-encoded vpdpbusd but not the
// AVX-512 one, such as Alder Lake and later client parts). The same u8 x s8
// products into int32 lanes as AVX512-VNNI, on 8 lanes, with 16 ymm
// registers.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_kernels.h"

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
  // The accumulators leave through memory behind a compiler barrier: read
  // directly by the output step, GCC 12 keeps them on the stack through the
  // depth loop (see the AVX512-VNNI tile).
  alignas(32) int32_t sums[MR][NV][8];
#pragma GCC unroll 8
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) _mm256_store_si256(reinterpret_cast<__m256i*>(sums[r][v]), acc[r][v]);
  }
  asm volatile("" : : "r"(sums) : "memory");

  // Requantize exactly as ref does (see the AVX512-VNNI tile); the bytes go
  // out through a small buffer, since AVX2 has no narrowing masked store.
  const Int8OutputStep& o = *a.out;
  const __m256 lo = _mm256_set1_ps(o.lo);
  const __m256 hi = _mm256_set1_ps(o.hi);
  const __m256 zp = _mm256_set1_ps(o.y_zp);
  for (int r = 0; r < MR; ++r) {
    if (r >= a.mr) break;
    uint8_t* y = a.y + r * a.ld_y;
    const __m256i off = _mm256_set1_epi32(o.row_offset[r]);
    const __m256 m = _mm256_set1_ps(o.multiplier[r]);
    for (int v = 0; v < NV; ++v) {
      const int64_t left = a.nr - 8 * v;
      if (left <= 0) break;
      __m256i s = _mm256_add_epi32(_mm256_load_si256(reinterpret_cast<const __m256i*>(sums[r][v])), off);
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
}

void GemmU8S8AvxVnni_6x16(const Int8GemmTileArgs& a) { GemmU8S8AvxVnni<6, 2>(a); }

}  // namespace

const Int8Kernels& AvxVnniInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kAvxVnni, {6, 16, Int8WeightFormat::kS8x4, GemmU8S8AvxVnni_6x16}, {}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
