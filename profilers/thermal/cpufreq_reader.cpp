#include "profilers/thermal/cpufreq_reader.h"

#include <filesystem>
#include <set>
#include <system_error>

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

Known<double> ReadKhzAsMhz(const std::string& path) {
  const Expected<int64_t> khz = ReadSysfsInt(path);
  if (!khz.ok()) return Known<double>::Unknown(khz.status().message());
  if (*khz <= 0) return Known<double>::Unknown(path + " holds " + std::to_string(*khz) + " kHz, not a frequency");
  return Known<double>::Of(static_cast<double>(*khz) / 1000.0);
}

CpuFreq ReadOneCpu(const std::string& cpu_dir, int cpu) {
  CpuFreq out;
  out.cpu = cpu;
  const std::string dir = cpu_dir + "/cpufreq";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    const std::string why = "no " + dir + " (VM or cpufreq driver absent)";
    out.governor = Known<std::string>::Unknown(why);
    out.cur_mhz = Known<double>::Unknown(why);
    out.max_mhz = Known<double>::Unknown(why);
    return out;
  }
  const Expected<std::string> governor = ReadSysfsValue(dir + "/scaling_governor");
  out.governor = governor.ok() ? Known<std::string>::Of(*governor)
                               : Known<std::string>::Unknown(governor.status().message());
  out.cur_mhz = ReadKhzAsMhz(dir + "/scaling_cur_freq");
  out.max_mhz = ReadKhzAsMhz(dir + "/cpuinfo_max_freq");
  return out;
}

}  // namespace

CpuFreqReading ReadCpuFreq(const std::string& sysfs_root) {
  CpuFreqReading reading;
  const std::string cpu_root = sysfs_root + "/devices/system/cpu";
  for (int cpu : ListNumberedEntries(cpu_root, "cpu")) {
    reading.cpus.push_back(ReadOneCpu(cpu_root + "/cpu" + std::to_string(cpu), cpu));
  }
  if (reading.cpus.empty()) reading.reason = "no cpuN directories under " + cpu_root;
  return reading;
}

Known<std::string> CommonGovernor(const CpuFreqReading& reading) {
  if (reading.cpus.empty()) return Known<std::string>::Unknown(reading.reason);
  std::set<std::string> governors;
  for (const CpuFreq& cpu : reading.cpus) {
    if (cpu.governor.known()) governors.insert(*cpu.governor.value);
  }
  if (governors.empty()) return Known<std::string>::Unknown(reading.cpus.front().governor.reason);
  std::string joined;
  for (const std::string& governor : governors) joined += (joined.empty() ? "" : ",") + governor;
  return Known<std::string>::Of(joined);
}

}  // namespace edgebench
