#include "profilers/counters/perf_event_paranoid.h"

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

Known<int> ReadPerfEventParanoid(const std::string& proc_root) {
  const Expected<int64_t> level = ReadSysfsInt(proc_root + "/sys/kernel/perf_event_paranoid");
  if (!level.ok()) {
    const bool absent = level.status().code() == ErrorCode::kNotFound;
    return Known<int>::Unknown(level.status().message() + (absent ? " (a kernel without perf events)" : ""));
  }
  return Known<int>::Of(static_cast<int>(*level));
}

}  // namespace edgebench
