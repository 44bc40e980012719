#include "profilers/memory/memory_snapshot.h"

#include "profilers/memory/proc_status.h"
#include "profilers/memory/rusage_reader.h"

namespace edgebench {

MemorySnapshot TakeMemorySnapshot(const std::string& status_path) {
  const ProcStatusMemory status = ReadProcStatusMemory(status_path);
  return {status.rss_bytes, status.rss_hwm_bytes, ReadMaxRssBytes()};
}

nlohmann::json RssJson(const MemorySnapshot& after_load, const MemorySnapshot& after_run) {
  Known<int64_t> delta;
  if (!after_load.rss_hwm_bytes.known()) {
    delta = Known<int64_t>::Unknown(after_load.rss_hwm_bytes.reason);
  } else if (!after_run.rss_hwm_bytes.known()) {
    delta = Known<int64_t>::Unknown(after_run.rss_hwm_bytes.reason);
  } else if (*after_run.rss_hwm_bytes.value < *after_load.rss_hwm_bytes.value) {
    // Only writing to /proc/self/clear_refs lowers VmHWM.
    delta = Known<int64_t>::Unknown("VmHWM fell from " + std::to_string(*after_load.rss_hwm_bytes.value) + " to " +
                                    std::to_string(*after_run.rss_hwm_bytes.value) +
                                    " bytes: the peak was reset between the snapshots");
  } else {
    delta = Known<int64_t>::Of(*after_run.rss_hwm_bytes.value - *after_load.rss_hwm_bytes.value);
  }
  nlohmann::json out = nlohmann::json::object();
  PutKnown(out, "rss_peak_bytes", after_run.rss_hwm_bytes);
  PutKnown(out, "rss_delta_bytes", delta);
  PutKnown(out, "rss_peak_after_load_bytes", after_load.rss_hwm_bytes);
  PutKnown(out, "rss_after_load_bytes", after_load.rss_bytes);
  PutKnown(out, "rss_after_run_bytes", after_run.rss_bytes);
  PutKnown(out, "maxrss_after_load_bytes", after_load.maxrss_bytes);
  PutKnown(out, "maxrss_after_run_bytes", after_run.maxrss_bytes);
  return out;
}

}  // namespace edgebench
