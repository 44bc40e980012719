// A device profile of this machine (`edgebench devices detect`): topology and
// memory from DetectHost(), peaks and bandwidth measured here by the
// micro-benchmarks of peak_*.h, power estimated by a stated model (a VM has no
// power sensor to measure it with).
#pragma once

#include <string>

#include "devices/host/host_info.h"
#include "devices/host/peak_bandwidth.h"
#include "devices/host/peak_runner.h"
#include "devices/profiles/device_profile.h"
#include "runtime/core/status.h"

namespace edgebench {

struct HostProfileOptions {
  std::string id = "host";
  PeakBudget compute_budget = {0.3, 3};    // each of clock, fp32 and int8, at 1 and all threads
  PeakBudget bandwidth_budget = {0.3, 5};  // each of copy and triad
  int64_t bandwidth_array_bytes = 0;       // 0: StreamArrayBytes(last-level caches, RAM, 64 MiB)
  std::string sysfs_root = "/sys";         // cpufreq's max frequency and which sensors exist
};

// `devices detect --quick`: short budgets, the same array size.
HostProfileOptions QuickHostProfileOptions();

struct HostPeaks {
  PeakReading clock;                // dependent adds per second = Hz, 1 thread
  PeakReading fp32_single, fp32_all;  // FLOP/s
  PeakReading int8_single, int8_all;  // ops/s (a MAC is 2)
  BandwidthReading bandwidth;       // all threads
};

Expected<HostPeaks> MeasureHostPeaks(const HostInfo& host, const HostProfileOptions& options);

// The profile from what was detected and measured; fails only when the host
// lacks what a profile cannot do without (a core count, the memory size).
Expected<DeviceProfile> BuildHostProfile(const HostInfo& host, const HostPeaks& peaks,
                                         const HostProfileOptions& options);

// DetectHost(), MeasureHostPeaks(), BuildHostProfile(): a few seconds.
Expected<DeviceProfile> DetectHostProfile(const HostProfileOptions& options);

}  // namespace edgebench
