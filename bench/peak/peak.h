// This host's single-core arithmetic peak, measured: the best peak kernel the
// CPU runs (peak_kernel_selection.h), timed over a few trials, best trial kept
// (a peak is the fastest the core goes; slower trials are interference).
#pragma once

#include <cstdint>
#include <string>

#include "bench/peak/peak_kernel.h"

namespace edgebench::bench {

struct PeakOptions {
  double trial_seconds = 0.1;  // CPU time of each timed trial
  int trials = 3;
};

struct PeakMeasurement {
  bool available = false;
  std::string kernel;           // the peak kernel's name
  double ops_per_second = 0.0;  // FLOP/s (fp32) or int8 op/s; a multiply-add counts as two
  int64_t iterations = 0;       // loop trips of the best trial
  double seconds = 0.0;         // CPU time of the best trial (thread_cpu_time.h)
  std::string reason;           // why not available
};

// Times one kernel on the calling thread.
PeakMeasurement MeasurePeakKernel(const PeakKernel& kernel, const PeakOptions& options = {});
// FP32 FMA peak of one core, with the widest ISA this CPU has.
PeakMeasurement MeasureFp32Peak(const PeakOptions& options = {});
// INT8 dot-product peak of one core (u8 x s8 into int32); unavailable, with a
// reason, where no kernel applies.
PeakMeasurement MeasureInt8Peak(const PeakOptions& options = {});

}  // namespace edgebench::bench
