// INT8 dot-product peak with AVX-512-VNNI: 16 chains of vpdpbusd on zmm. One
// vpdpbusd is 64 u8 x s8 multiply-adds into 16 int32 lanes.
#include <immintrin.h>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {
namespace {

constexpr int kChains = 16;
constexpr int kMacs = 64;

double Run(int64_t iterations) {
  __m512i acc[kChains];
  for (auto& a : acc) a = _mm512_setzero_si512();
  const __m512i u8 = _mm512_set1_epi8(3);
  const __m512i s8 = _mm512_set1_epi8(-5);
  for (int64_t i = 0; i < iterations; ++i) {
    for (auto& a : acc) a = _mm512_dpbusd_epi32(a, u8, s8);
  }
  __m512i sum = _mm512_setzero_si512();
  for (const auto& a : acc) sum = _mm512_add_epi32(sum, a);
  // Summed through memory: GCC 12's _mm512_reduce_add_epi32 warns inside its own header.
  alignas(64) int32_t lanes[16];
  _mm512_store_si512(lanes, sum);
  double total = 0.0;
  for (int32_t v : lanes) total += v;
  return total;
}

}  // namespace

extern const PeakKernel kDotU8S8Avx512Vnni = {"dot_u8s8_avx512vnni_16chains", int64_t{kChains} * kMacs * 2, Run};

}  // namespace edgebench::bench
