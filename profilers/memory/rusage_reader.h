// The process's peak resident set from getrusage(RUSAGE_SELF).ru_maxrss.
//
// Unlike VmHWM it survives execve: a worker that was forked from the harness
// and then exec'd reports the larger of its own peak and the pre-exec image's
// (which shares the parent's pages, so it can be the parent's size). Prefer
// VmHWM for a figure about this process; ru_maxrss is the portable one.
#pragma once

#include <cstdint>

#include "profilers/thermal/known.h"

namespace edgebench {

// ru_maxrss in bytes (Linux reports KiB).
Known<int64_t> ReadMaxRssBytes();

}  // namespace edgebench
