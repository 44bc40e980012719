#include "bench/peak/peak_kernel_selection.h"

namespace edgebench::bench {

#if defined(__x86_64__)

std::vector<const PeakKernel*> Fp32PeakKernels() {
  __builtin_cpu_init();
  std::vector<const PeakKernel*> kernels;
  if (__builtin_cpu_supports("avx512f")) kernels.push_back(&kFmaF32Avx512);
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) kernels.push_back(&kFmaF32Avx2);
  kernels.push_back(&kFmaF32Portable);
  return kernels;
}

std::vector<const PeakKernel*> Int8PeakKernels() {
  __builtin_cpu_init();
  std::vector<const PeakKernel*> kernels;
  if (__builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bw")) {
    kernels.push_back(&kDotU8S8Avx512Vnni);
  }
  if (__builtin_cpu_supports("avxvnni")) kernels.push_back(&kDotU8S8AvxVnni);
  if (__builtin_cpu_supports("avx2")) kernels.push_back(&kDotU8S8Avx2);
  return kernels;
}

#else

std::vector<const PeakKernel*> Fp32PeakKernels() { return {&kFmaF32Portable}; }

// An SDOT (ARMv8.2 dotprod) kernel would go here; until then there is no INT8
// peak, and callers report it as unavailable.
std::vector<const PeakKernel*> Int8PeakKernels() { return {}; }

#endif

}  // namespace edgebench::bench
