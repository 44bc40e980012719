#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {

// The one INT8 ISA switch: the per-ISA units are built only where they compile.
const Int8Kernels& Int8KernelsFor(Int8Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  if (isa == Int8Isa::kAvx512Vnni) return Avx512VnniInt8Kernels();
  if (isa == Int8Isa::kAvxVnni) return AvxVnniInt8Kernels();
  if (isa == Int8Isa::kAvx2) return Avx2Int8Kernels();
#elif defined(__aarch64__)
  if (isa == Int8Isa::kNeonDot) return NeonDotInt8Kernels();
  if (isa == Int8Isa::kNeon) return NeonInt8Kernels();
#else
  (void)isa;
#endif
  return ScalarInt8Kernels();
}

}  // namespace edgebench::native
