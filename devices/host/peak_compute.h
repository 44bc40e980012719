// Peak arithmetic throughput of this machine's cores, measured with the
// kernels of peak_kernels.h: FP32 FMA, INT8 MAC, and the clock.
#pragma once

#include "devices/host/peak_kernels.h"
#include "devices/host/peak_runner.h"

namespace edgebench {

// `kernel`'s ops per second of CPU time on `threads` threads (PeakClock::
// kThreadCpu), each running it independently for budget.min_time_s /
// budget.min_repeats of CPU time per repeat.
PeakReading MeasureComputePeak(const PeakKernel& kernel, int threads, const PeakBudget& budget);

}  // namespace edgebench
