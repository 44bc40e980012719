#include "runtime/backends/native/kernels.h"

namespace edgebench::native {

// The one ISA switch: the per-ISA units are built only where they compile.
const NativeKernels& KernelsFor(Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  if (isa == Isa::kAvx512) return Avx512Kernels();
  if (isa == Isa::kAvx2) return Avx2Kernels();
#elif defined(__aarch64__)
  if (isa == Isa::kNeon) return NeonKernels();
#else
  (void)isa;
#endif
  return ScalarKernels();
}

const NativeKernels& SmallPlaneKernelsFor(Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  if (isa == Isa::kAvx512) return Avx512SmallPlaneKernels();
#endif
  return KernelsFor(isa);
}

}  // namespace edgebench::native
