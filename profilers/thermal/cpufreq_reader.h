// CPU frequency scaling state from sysfs (devices/system/cpu/cpuN/cpufreq).
#pragma once

#include <string>
#include <vector>

#include "profilers/thermal/known.h"

namespace edgebench {

struct CpuFreq {
  int cpu = 0;                  // N of cpuN
  Known<std::string> governor;  // scaling_governor
  Known<double> cur_mhz;        // scaling_cur_freq (kHz in sysfs)
  Known<double> max_mhz;        // cpuinfo_max_freq (kHz in sysfs)
};

struct CpuFreqReading {
  std::vector<CpuFreq> cpus;  // every cpuN directory, by N
  std::string reason;         // why `cpus` is empty
};

// `sysfs_root` is "/sys" on a real system; tests pass a fake tree.
CpuFreqReading ReadCpuFreq(const std::string& sysfs_root = "/sys");

// The governor the CPUs use, "ondemand,performance" when they differ, or
// unknown when no CPU's could be read.
Known<std::string> CommonGovernor(const CpuFreqReading& reading);

}  // namespace edgebench
