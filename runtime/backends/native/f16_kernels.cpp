#include "runtime/backends/native/f16_kernels.h"

namespace edgebench::native {

// The ISA switch of the float16 conversions, beside KernelsFor (kernels.cpp).
const F16Kernels& F16KernelsFor(Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  if (isa == Isa::kAvx512) return F16Avx512Kernels();
  if (isa == Isa::kAvx2) return F16Avx2Kernels();
#elif defined(__aarch64__)
  if (isa == Isa::kNeon) return F16NeonKernels();
#else
  (void)isa;
#endif
  return F16ScalarKernels();
}

}  // namespace edgebench::native
