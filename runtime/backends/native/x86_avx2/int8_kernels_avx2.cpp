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

}  // namespace

const Int8Kernels& Avx2Int8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kAvx2,
                                       {4, 16, Int8WeightFormat::kS16Pairs02_13, GemmU8S8Avx2_4x16}, {}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
