// FP32 FMA peak with AVX-512: 16 chains of vfmadd on zmm registers. FMA
// latency is 4 cycles on 2 ports for current x86 cores, so 8 chains are the
// minimum; 16 leave margin and still fit the 32 zmm registers.
#include <immintrin.h>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {
namespace {

constexpr int kChains = 16;
constexpr int kLanes = 16;

double Run(int64_t iterations) {
  __m512 acc[kChains];
  for (auto& a : acc) a = _mm512_setzero_ps();
  // acc = acc * m + c converges to c / (1 - m) = 1: no overflow, no denormals.
  const __m512 m = _mm512_set1_ps(0.999999f);
  const __m512 c = _mm512_set1_ps(1e-6f);
  for (int64_t i = 0; i < iterations; ++i) {
    for (auto& a : acc) a = _mm512_fmadd_ps(a, m, c);
  }
  __m512 sum = _mm512_setzero_ps();
  for (const auto& a : acc) sum = _mm512_add_ps(sum, a);
  // Summed through memory: GCC 12's _mm512_reduce_add_ps warns inside its own header.
  alignas(64) float lanes[kLanes];
  _mm512_store_ps(lanes, sum);
  double total = 0.0;
  for (float v : lanes) total += v;
  return total;
}

}  // namespace

extern const PeakKernel kFmaF32Avx512 = {"fma_f32_avx512_16chains", int64_t{kChains} * kLanes * 2, Run};

}  // namespace edgebench::bench
