// /proc/sys/kernel/perf_event_paranoid: which perf events an unprivileged
// process may open (-1 all, 0 no raw tracepoints, 1 no CPU-wide events,
// 2 user mode only, 3 and up none on kernels that carry Debian's patch).
#pragma once

#include <string>

#include "profilers/thermal/known.h"

namespace edgebench {

// `proc_root` is "/proc" on a real system; tests pass a fake tree.
Known<int> ReadPerfEventParanoid(const std::string& proc_root = "/proc");

}  // namespace edgebench
