// A hook around each step of Session::Run, for per-operator profiling: the
// profiler reads its clocks and counters in BeforeStep/AfterStep. The runtime
// knows nothing of what is measured; a run without an observer pays one
// predictable branch per step.
#pragma once

namespace edgebench {

class StepObserver {
 public:
  virtual ~StepObserver() = default;
  // `step` indexes the run's steps (Session::step_node maps it to a node).
  virtual void BeforeStep(int step) = 0;
  virtual void AfterStep(int step) = 0;
};

}  // namespace edgebench
