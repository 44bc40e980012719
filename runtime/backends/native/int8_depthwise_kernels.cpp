#include "runtime/backends/native/int8_depthwise_kernels.h"

namespace edgebench::native {

// The one INT8 depthwise ISA switch: the per-ISA units are built only where they compile.
const Int8DepthwiseKernels& Int8DepthwiseKernelsFor(Int8Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  if (isa == Int8Isa::kAvx512Vnni) return Avx512VnniInt8DepthwiseKernels();
  // AVX-VNNI has no depthwise kernels of its own: a depthwise tap is one
  // product per output, with no 4-deep sums for vpdpbusd to take.
  if (isa == Int8Isa::kAvx2 || isa == Int8Isa::kAvxVnni) return Avx2Int8DepthwiseKernels();
#else
  (void)isa;
#endif
  return ScalarInt8DepthwiseKernels();
}

}  // namespace edgebench::native
