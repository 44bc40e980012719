// Choosing an energy sensor: the one a device profile names, or the first
// this machine has.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "profilers/energy/energy_meter.h"

namespace edgebench {

// The sources OpenEnergyMeter knows, in the order DetectEnergyMeter tries them.
const std::vector<std::string>& EnergySources();

// Opens the meter named `source` ("rapl", "ina3221"); InvalidArgument for
// another name, the reader's reason when its sensor is absent or unreadable.
Expected<std::unique_ptr<EnergyMeter>> OpenEnergyMeter(const std::string& source,
                                                       const std::string& sysfs_root = "/sys");

// The first source that opens. When none does, NotFound with every source's
// reason, e.g. "no powercap intel-rapl zones under /sys/class/powercap; no
// ina3221 under /sys/bus/i2c/drivers (…)".
Expected<std::unique_ptr<EnergyMeter>> DetectEnergyMeter(const std::string& sysfs_root = "/sys");

}  // namespace edgebench
