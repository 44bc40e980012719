// Resident-set figures from /proc/<pid>/status (proc(5)):
//  - VmRSS: pages resident now: anonymous (heap, arena, stacks), file-backed
//    (the mapped executable, shared libraries, an mmapped model) and shmem;
//  - VmHWM: the peak of VmRSS since the process started (or since 5 was
//    written to /proc/self/clear_refs).
// The kernel updates these counters in per-thread batches, so they can lag
// the true value by a few pages per thread.
#pragma once

#include <cstdint>
#include <string>

#include "profilers/thermal/known.h"

namespace edgebench {

struct ProcStatusMemory {
  Known<int64_t> rss_bytes;      // VmRSS
  Known<int64_t> rss_hwm_bytes;  // VmHWM
};

// Parses the text of a status file; `path` only names it in reasons.
ProcStatusMemory ParseProcStatusMemory(const std::string& status_text,
                                       const std::string& path = "/proc/self/status");

// Reads and parses `path`; an unreadable file makes both figures unknown.
ProcStatusMemory ReadProcStatusMemory(const std::string& path = "/proc/self/status");

}  // namespace edgebench
