// The power rails an INA3221 monitor exposes on NVIDIA Jetson boards.
// Two sysfs layouts exist:
//  - hwmon (L4T 32.5+ and upstream Linux, drivers/hwmon/ina3221.c):
//    <root>/bus/i2c/drivers/ina3221/<dev>/hwmon/hwmon*/ in<N>_label,
//    in<N>_input (bus voltage, mV), curr<N>_input (mA), in<N>_enable;
//  - iio (older L4T, ina3221x driver):
//    <root>/bus/i2c/drivers/ina3221x/<dev>/iio:device*/ rail_name_<N>,
//    in_power<N>_input (mW).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

struct PowerRail {
  std::string name;    // the rail's label: "VDD_IN", "VDD_CPU_GPU_CV", "POM_5V_IN"
  std::string layout;  // "hwmon" or "iio"
  std::string voltage_path;  // hwmon: in<N>_input, mV
  std::string current_path;  // hwmon: curr<N>_input, mA
  std::string power_path;    // iio: in_power<N>_input, mW
};

// Every labelled, enabled rail of every INA3221 (hwmon first, then iio).
// NotFound naming both places searched when there is none.
Expected<std::vector<PowerRail>> FindIna3221Rails(const std::string& sysfs_root = "/sys");

// The rail's power now, in watts.
Expected<double> ReadRailWatts(const PowerRail& rail);

// The rail that carries the whole module's input power (VDD_IN on Orin and
// TX2, POM_5V_IN on Nano and Xavier NX), when one is present.
std::optional<size_t> FindInputRail(const std::vector<PowerRail>& rails);

}  // namespace edgebench
