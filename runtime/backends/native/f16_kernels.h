// Half <-> float conversion of runs, one table per native ISA level, for the
// float16 operators (native_conv_f16.cpp, native_gemm_f16.cpp): weights stay
// float16 in their packed panels and are widened per tile; inputs are
// widened into the scratch copy and outputs rounded to half on store.
// F16C is part of the avx2 and avx512 levels (cpu_features.cpp requires it).
#pragma once

#include <cstdint>

#include "runtime/backends/native/cpu_features.h"

namespace edgebench::native {

struct F16Kernels {
  Isa isa = Isa::kScalar;
  // dst[i] = float(src[i]) for i < n.
  void (*to_float)(const uint16_t* src, float* dst, int64_t n) = nullptr;
  // dst[i] = half(src[i]) for i < n, round to nearest even (float16.h's rule).
  void (*to_half)(const float* src, uint16_t* dst, int64_t n) = nullptr;
};

// The table for `isa`; call only with a level SelectIsa allowed.
const F16Kernels& F16KernelsFor(Isa isa);

// Defined by the per-ISA translation units.
const F16Kernels& F16ScalarKernels();
#if defined(__x86_64__) || defined(__i386__)
const F16Kernels& F16Avx2Kernels();
const F16Kernels& F16Avx512Kernels();
#endif
#if defined(__aarch64__)
const F16Kernels& F16NeonKernels();
#endif

}  // namespace edgebench::native
