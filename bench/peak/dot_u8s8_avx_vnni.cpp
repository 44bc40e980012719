// INT8 dot-product peak with AVX-VNNI (the VEX form on ymm, for cores without
// AVX-512): 12 chains of vpdpbusd, each 32 u8 x s8 multiply-adds.
#include <immintrin.h>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {
namespace {

constexpr int kChains = 12;
constexpr int kMacs = 32;

double Run(int64_t iterations) {
  __m256i acc[kChains];
  for (auto& a : acc) a = _mm256_setzero_si256();
  const __m256i u8 = _mm256_set1_epi8(3);
  const __m256i s8 = _mm256_set1_epi8(-5);
  for (int64_t i = 0; i < iterations; ++i) {
    for (auto& a : acc) a = _mm256_dpbusd_avx_epi32(a, u8, s8);
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

extern const PeakKernel kDotU8S8AvxVnni = {"dot_u8s8_avxvnni_12chains", int64_t{kChains} * kMacs * 2, Run};

}  // namespace edgebench::bench
