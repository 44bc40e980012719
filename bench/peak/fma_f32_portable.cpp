// FP32 multiply-add peak in portable vector code, the fallback where no x86
// kernel applies. Built with -ffp-contract=fast so that a * m + c becomes one
// fused instruction where the target has one (NEON fmla on aarch64).
#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {
namespace {

using Float4 = float __attribute__((vector_size(16)));

// NEON FMA latency is 4 cycles on 2 pipes on Cortex-A7x/Neoverse cores.
constexpr int kChains = 12;
constexpr int kLanes = 4;

double Run(int64_t iterations) {
  Float4 acc[kChains] = {};
  // acc = acc * m + c converges to c / (1 - m) = 1: no overflow, no denormals.
  const Float4 m = {0.999999f, 0.999999f, 0.999999f, 0.999999f};
  const Float4 c = {1e-6f, 1e-6f, 1e-6f, 1e-6f};
  for (int64_t i = 0; i < iterations; ++i) {
    for (auto& a : acc) a = a * m + c;
  }
  double total = 0.0;
  for (const auto& a : acc) {
    for (int l = 0; l < kLanes; ++l) total += a[l];
  }
  return total;
}

}  // namespace

extern const PeakKernel kFmaF32Portable = {"fma_f32_portable_12chains", int64_t{kChains} * kLanes * 2, Run};

}  // namespace edgebench::bench
