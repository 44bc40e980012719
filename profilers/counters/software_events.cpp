#include "profilers/counters/software_events.h"

#include "profilers/counters/perf_event_abi.h"

namespace edgebench {

const std::array<SoftwareEvent, 6>& SoftwareEvents() {
  // task-clock leads the software group: it runs whenever the thread does.
  static const std::array<SoftwareEvent, 6> kEvents = {{
      {"task-clock", PERF_COUNT_SW_TASK_CLOCK, "ns", false},
      {"context-switches", PERF_COUNT_SW_CONTEXT_SWITCHES, "count", true},
      {"cpu-migrations", PERF_COUNT_SW_CPU_MIGRATIONS, "count", true},
      {"page-faults", PERF_COUNT_SW_PAGE_FAULTS, "count", false},
      {"minor-faults", PERF_COUNT_SW_PAGE_FAULTS_MIN, "count", false},
      {"major-faults", PERF_COUNT_SW_PAGE_FAULTS_MAJ, "count", false},
  }};
  return kEvents;
}

}  // namespace edgebench
