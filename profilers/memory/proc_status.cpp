#include "profilers/memory/proc_status.h"

#include <cstdlib>
#include <sstream>

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

// The "<key>:   <n> kB" line of a status file, in bytes.
Known<int64_t> ParseKibField(const std::string& text, const std::string& key, const std::string& path) {
  std::istringstream lines(text);
  const std::string prefix = key + ":";
  for (std::string line; std::getline(lines, line);) {
    if (line.compare(0, prefix.size(), prefix) != 0) continue;
    std::istringstream fields(line.substr(prefix.size()));
    long long kib = -1;
    std::string unit;
    if (!(fields >> kib >> unit) || unit != "kB" || kib < 0) {
      return Known<int64_t>::Unknown(path + " " + key + " is '" + line.substr(prefix.size()) + "', not '<n> kB'");
    }
    return Known<int64_t>::Of(static_cast<int64_t>(kib) * 1024);
  }
  // Kernel threads and zombies have no Vm* lines.
  return Known<int64_t>::Unknown("no " + key + " line in " + path);
}

}  // namespace

ProcStatusMemory ParseProcStatusMemory(const std::string& status_text, const std::string& path) {
  return {ParseKibField(status_text, "VmRSS", path), ParseKibField(status_text, "VmHWM", path)};
}

ProcStatusMemory ReadProcStatusMemory(const std::string& path) {
  const Expected<std::string> text = ReadSysfsText(path);
  if (!text.ok()) {
    const Known<int64_t> unknown = Known<int64_t>::Unknown(text.status().message());
    return {unknown, unknown};
  }
  return ParseProcStatusMemory(*text, path);
}

}  // namespace edgebench
