// Temperatures of the kernel's thermal zones (class/thermal/thermal_zoneN).
#pragma once

#include <string>
#include <vector>

#include "profilers/thermal/known.h"

namespace edgebench {

struct ThermalZone {
  int zone = 0;             // N of thermal_zoneN
  Known<std::string> type;  // "x86_pkg_temp", "cpu-thermal", ...
  Known<double> temp_c;     // temp (millidegrees C in sysfs)
};

struct ThermalZones {
  std::vector<ThermalZone> zones;  // by N
  std::string reason;              // why `zones` is empty
};

// `sysfs_root` is "/sys" on a real system; tests pass a fake tree.
ThermalZones ReadThermalZones(const std::string& sysfs_root = "/sys");

// The hottest zone's temperature, or unknown when no zone could be read.
Known<double> MaxTemperature(const ThermalZones& zones);

}  // namespace edgebench
