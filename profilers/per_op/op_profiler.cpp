#include "profilers/per_op/op_profiler.h"

#include "profilers/counters/counter_values.h"
#include "profilers/latency/timer.h"

namespace edgebench {

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
  start_ns_ = NowNs();
}

void OpProfiler::AfterStep(int step) {
  const int64_t end_ns = NowNs();
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
