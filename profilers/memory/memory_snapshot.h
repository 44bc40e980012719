// The process's resident memory at one moment, and the result's RSS figures
// from two moments: after the model is loaded (session created, weights
// packed) and after the measured run.
//
// What the figures include: every resident page of the process, whatever
// owns it: the executable and shared libraries, the loaded model file and
// packed weights, the activation arena and scratch, thread stacks, the
// allocator's slack (freed but not returned to the kernel), and anything the
// harness itself holds (latency samples, buffers). Pages that were reserved
// but never touched are not resident and do not count; pages swapped out do
// not count either.
//
// JSON fields written by RssJson (all bytes):
//   rss_peak_bytes             VmHWM after the run: the whole process's peak
//                              up to the end of the run, load included.
//   rss_delta_bytes            VmHWM after run - VmHWM after load: how far the
//                              run raised the peak beyond what load reached.
//                              Memory load touched and freed is not counted
//                              again, so it is a lower bound of what the run
//                              newly touched (0 when load's peak was higher).
//   rss_peak_after_load_bytes  VmHWM after load.
//   rss_after_load_bytes       VmRSS after load (resident then, not a peak).
//   rss_after_run_bytes        VmRSS after the run.
//   maxrss_after_load_bytes,   getrusage ru_maxrss at both moments (see
//   maxrss_after_run_bytes     rusage_reader.h for how it differs from VmHWM).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "profilers/thermal/known.h"

namespace edgebench {

struct MemorySnapshot {
  Known<int64_t> rss_bytes;      // VmRSS
  Known<int64_t> rss_hwm_bytes;  // VmHWM
  Known<int64_t> maxrss_bytes;   // ru_maxrss
};

// Never fails: what cannot be read is unknown with a reason.
MemorySnapshot TakeMemorySnapshot(const std::string& status_path = "/proc/self/status");

// The RSS fields of the result's "memory" object, listed above.
nlohmann::json RssJson(const MemorySnapshot& after_load, const MemorySnapshot& after_run);

}  // namespace edgebench
