#include "runtime/backends/native/int8_depthwise_kernels.h"

namespace edgebench::native {

// The one INT8 depthwise ISA switch: the per-ISA units are built only where they compile.
const Int8DepthwiseKernels& Int8DepthwiseKernelsFor(Int8Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  if (isa == Int8Isa::kAvx512Vnni) return Avx512VnniInt8DepthwiseKernels();
  if (isa == Int8Isa::kAvx2) return Avx2Int8DepthwiseKernels();
#else
  (void)isa;
#endif
  return ScalarInt8DepthwiseKernels();
}

}  // namespace edgebench::native
