#include "devices/host/peak_compute.h"

#include <algorithm>

namespace edgebench {

namespace {

// Long enough that reading the clock between calls costs nothing (~40 us for
// the AVX-512 FMA kernel), short enough to stop close to the time asked.
constexpr int64_t kChunkIterations = int64_t{1} << 14;

}  // namespace

PeakReading MeasureComputePeak(const PeakKernel& kernel, int threads, const PeakBudget& budget) {
  const double seconds_per_repeat = budget.min_time_s / std::max(budget.min_repeats, 1);
  const BestRate best = MeasureBestRate(threads, PeakClock::kThreadCpu, budget, [&kernel, seconds_per_repeat](int) {
    volatile double sink = 0;  // consumes each result, so no call is dead code
    const double ops = RunFor(seconds_per_repeat, [&kernel, &sink] {
      sink = sink + kernel.run(kChunkIterations);
      return kernel.ops_per_iteration * static_cast<double>(kChunkIterations);
    });
    return ops;
  });
  return {best.per_second, kernel.name, threads, best.repeats, PeakClock::kThreadCpu};
}

}  // namespace edgebench
