// The software events counted in every run (issue 4: task-clock, context
// switches, CPU migrations, page faults). The kernel counts them itself, so
// they work without a PMU, in VMs included.
#pragma once

#include <array>
#include <cstdint>

namespace edgebench {

struct SoftwareEvent {
  const char* name;  // perf's name, also the key in the results
  uint32_t config;   // PERF_COUNT_SW_*
  const char* unit;  // "ns" or "count"
  // Raised by the scheduler, in kernel mode: with user-mode-only counting
  // (paranoid 2) the kernel filters every occurrence out and the count reads 0.
  // Page faults are raised with the faulting user registers and still count
  // (except faults the kernel takes on user memory, e.g. inside read()).
  bool kernel_mode_only;
};

const std::array<SoftwareEvent, 6>& SoftwareEvents();

}  // namespace edgebench
