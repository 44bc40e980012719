#include "bench/peak/peak.h"

#include <algorithm>

#include "bench/peak/peak_kernel_selection.h"
#include "bench/peak/thread_cpu_time.h"

namespace edgebench::bench {
namespace {

double SecondsOf(const PeakKernel& kernel, int64_t iterations) {
  const double start = ThreadCpuSeconds();
  volatile double checksum = kernel.run(iterations);
  (void)checksum;
  return ThreadCpuSeconds() - start;
}

// Loop trips that take about `seconds`: doubled until a run is long enough for
// the clock to resolve, then scaled.
int64_t CalibrateIterations(const PeakKernel& kernel, double seconds) {
  int64_t iterations = 1024;
  double elapsed = SecondsOf(kernel, iterations);
  while (elapsed < seconds / 10 && elapsed < 1e-3) {
    iterations *= 2;
    elapsed = SecondsOf(kernel, iterations);
  }
  return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(iterations) * seconds / elapsed));
}

}  // namespace

PeakMeasurement MeasurePeakKernel(const PeakKernel& kernel, const PeakOptions& options) {
  PeakMeasurement best;
  best.kernel = kernel.name;
  const int64_t iterations = CalibrateIterations(kernel, options.trial_seconds);
  for (int t = 0; t < options.trials; ++t) {
    const double seconds = SecondsOf(kernel, iterations);
    const double rate = static_cast<double>(iterations) * static_cast<double>(kernel.ops_per_iteration) / seconds;
    if (rate > best.ops_per_second) {
      best.ops_per_second = rate;
      best.iterations = iterations;
      best.seconds = seconds;
    }
  }
  best.available = best.ops_per_second > 0.0;
  if (!best.available) best.reason = "the timed trials measured no time";
  return best;
}

PeakMeasurement MeasureFp32Peak(const PeakOptions& options) {
  return MeasurePeakKernel(*Fp32PeakKernels().front(), options);
}

PeakMeasurement MeasureInt8Peak(const PeakOptions& options) {
  const auto kernels = Int8PeakKernels();
  if (kernels.empty()) {
    PeakMeasurement none;
    none.reason = "no INT8 dot-product peak kernel for this CPU (x86 AVX2 or VNNI needed)";
    return none;
  }
  return MeasurePeakKernel(*kernels.front(), options);
}

}  // namespace edgebench::bench
