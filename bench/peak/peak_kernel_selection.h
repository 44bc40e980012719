// Which peak kernels this CPU runs. The ISA checks live here and nowhere else.
#pragma once

#include <vector>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {

// Kernels this CPU can run, widest ISA first. The FP32 list is never empty
// (the portable loop runs everywhere); the INT8 list is empty where no x86
// dot-product sequence applies.
std::vector<const PeakKernel*> Fp32PeakKernels();
std::vector<const PeakKernel*> Int8PeakKernels();

}  // namespace edgebench::bench
