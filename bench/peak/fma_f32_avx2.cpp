// FP32 FMA peak with AVX2/FMA: 12 chains of vfmadd on ymm registers. Haswell's
// FMA latency is 5 cycles on 2 ports (10 in flight); 12 chains cover it and
// leave registers for the two constants of the 16.
#include <immintrin.h>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {
namespace {

constexpr int kChains = 12;
constexpr int kLanes = 8;

double Run(int64_t iterations) {
  __m256 acc[kChains];
  for (auto& a : acc) a = _mm256_setzero_ps();
  // acc = acc * m + c converges to c / (1 - m) = 1: no overflow, no denormals.
  const __m256 m = _mm256_set1_ps(0.999999f);
  const __m256 c = _mm256_set1_ps(1e-6f);
  for (int64_t i = 0; i < iterations; ++i) {
    for (auto& a : acc) a = _mm256_fmadd_ps(a, m, c);
  }
  __m256 sum = _mm256_setzero_ps();
  for (const auto& a : acc) sum = _mm256_add_ps(sum, a);
  alignas(32) float lanes[kLanes];
  _mm256_store_ps(lanes, sum);
  double total = 0.0;
  for (float v : lanes) total += v;
  return total;
}

}  // namespace

extern const PeakKernel kFmaF32Avx2 = {"fma_f32_avx2_12chains", int64_t{kChains} * kLanes * 2, Run};

}  // namespace edgebench::bench
