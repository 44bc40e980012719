// Why perf_event_open refused an event, in words a reader of the results can
// act on: the errno, its name, and what it means for perf events.
#pragma once

#include <string>

#include "profilers/thermal/known.h"

namespace edgebench {

// "perf_event_open(cycles) failed: No such file or directory (ENOENT): no PMU
// of this CPU/VM has this event (a VM without a virtual PMU has none)".
// `hardware` says whether the event needs a PMU counter (not a software event);
// `paranoid` is /proc/sys/kernel/perf_event_paranoid, quoted for EACCES/EPERM.
std::string DescribeOpenError(const std::string& event, int error, bool hardware, const Known<int>& paranoid);

}  // namespace edgebench
