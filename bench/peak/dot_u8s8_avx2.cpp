// INT8 dot-product peak on AVX2 without VNNI: vpmaddubsw (u8 x s8 pairs into
// int16) then vpmaddwd by ones (int16 pairs into int32) then vpaddd, the
// sequence int8 GEMMs use there. Each chain feeds its accumulator back in as
// the u8 operand, so no two chains compute the same product and the compiler
// cannot share or hoist the multiplies; the 11-cycle loop-carried path needs
// about 11 chains in flight to keep both multiply ports busy.
#include <immintrin.h>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {
namespace {

constexpr int kChains = 12;
constexpr int kMacs = 32;

double Run(int64_t iterations) {
  __m256i acc[kChains];
  for (int k = 0; k < kChains; ++k) acc[k] = _mm256_set1_epi8(static_cast<char>(k + 1));
  const __m256i s8 = _mm256_set1_epi8(-5);
  const __m256i ones = _mm256_set1_epi16(1);
  for (int64_t i = 0; i < iterations; ++i) {
    for (auto& a : acc) {
      const __m256i pairs16 = _mm256_maddubs_epi16(a, s8);
      a = _mm256_add_epi32(a, _mm256_madd_epi16(pairs16, ones));
    }
  }
  __m256i sum = _mm256_setzero_si256();
  for (const auto& a : acc) sum = _mm256_add_epi32(sum, a);
  alignas(32) int32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sum);
  double total = 0.0;
  for (int32_t v : lanes) total += v;
  return total;
}

}  // namespace

extern const PeakKernel kDotU8S8Avx2 = {"dot_u8s8_avx2_12chains", int64_t{kChains} * kMacs * 2, Run};

}  // namespace edgebench::bench
