#include "profilers/per_op/op_profiler.h"

#include <atomic>
#include <chrono>

#include "profilers/counters/counter_values.h"

namespace edgebench {
namespace {

// The signal fences keep the compiler from moving the step across the clock
// reads (they emit no instruction).
int64_t ClockNs() {
  std::atomic_signal_fence(std::memory_order_seq_cst);
  const int64_t ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
  std::atomic_signal_fence(std::memory_order_seq_cst);
  return ns;
}

}  // namespace

OpProfiler::OpProfiler(int num_steps, int iterations, const PerfCounters* counters)
    : num_steps_(num_steps),
      iterations_(iterations),
      counters_(counters),
      times_ns_(static_cast<size_t>(num_steps) * static_cast<size_t>(iterations), 0),
      counts_(counters != nullptr ? static_cast<size_t>(num_steps) : 0) {}

void OpProfiler::BeforeStep(int /*step*/) {
  if (counters_ != nullptr) {
    Status status = counters_->Read(&before_);
    if (!status.ok() && counter_status_.ok()) counter_status_ = std::move(status);
  }
  start_ns_ = ClockNs();
}

void OpProfiler::AfterStep(int step) {
  const int64_t end_ns = ClockNs();
  times_ns_[static_cast<size_t>(step) * iterations_ + iteration_] = end_ns - start_ns_;
  if (counters_ == nullptr) return;
  Status status = counters_->Read(&after_);
  if (!status.ok()) {
    if (counter_status_.ok()) counter_status_ = std::move(status);
    return;
  }
  AccumulateDelta(*counters_, before_, after_, &counts_[step]);
}

}  // namespace edgebench
