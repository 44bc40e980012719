// Per-operator profiling: a StepObserver that times every step of a run and,
// when counters are open, reads them around the step. Everything is allocated
// up front, so profiling adds a timer read (and one read() per counter group)
// per step boundary and nothing else.
//
// Order around a step: counters are read first, then the clock; after the
// step the clock, then the counters. The step's time thus excludes the
// counter reads, while its counts include the two clock reads (tens of
// nanoseconds).
#pragma once

#include <cstdint>
#include <vector>

#include "profilers/counters/perf_counters.h"
#include "runtime/session/step_observer.h"

namespace edgebench {

class OpProfiler final : public StepObserver {
 public:
  // `counters` may be null (time only); it must be enabled while profiling.
  OpProfiler(int num_steps, int iterations, const PerfCounters* counters);

  // Call before each profiled run, iteration in [0, iterations).
  void BeginIteration(int iteration) { iteration_ = iteration; }
  void BeforeStep(int step) override;
  void AfterStep(int step) override;

  int num_steps() const { return num_steps_; }
  int iterations() const { return iterations_; }
  // Wall time of `step` in `iteration`, ns.
  int64_t step_ns(int step, int iteration) const { return times_ns_[static_cast<size_t>(step) * iterations_ + iteration]; }
  // The step's counts summed over every iteration (see AccumulateDelta).
  const CounterSnapshot& step_counts(int step) const { return counts_[step]; }
  // Read failures are rare (the group was closed); the first one is kept.
  const Status& counter_status() const { return counter_status_; }

 private:
  int num_steps_;
  int iterations_;
  int iteration_ = 0;
  const PerfCounters* counters_;
  std::vector<int64_t> times_ns_;        // step-major
  std::vector<CounterSnapshot> counts_;  // per step, when counting
  CounterSnapshot before_{};
  CounterSnapshot after_{};
  int64_t start_ns_ = 0;
  Status counter_status_;
};

}  // namespace edgebench
