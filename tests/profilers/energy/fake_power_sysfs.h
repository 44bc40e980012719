// Power sensors' sysfs files in a FakeSysfs tree, laid out as the kernel does.
#pragma once

#include <cstdint>
#include <string>

#include "profilers/energy/energy_meter.h"
#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {

// The common Intel range: 2^32 counts of 61.035 uJ.
constexpr int64_t kRaplRangeUj = 262143328850;

// class/powercap/<id>/{name,energy_uj,max_energy_range_uj}.
inline void WriteRaplZone(const FakeSysfs& sysfs, const std::string& id, const std::string& name, int64_t energy_uj,
                          int64_t max_range_uj = kRaplRangeUj) {
  const std::string dir = "class/powercap/" + id + "/";
  sysfs.Write(dir + "name", name + "\n");
  sysfs.Write(dir + "energy_uj", std::to_string(energy_uj) + "\n");
  sysfs.Write(dir + "max_energy_range_uj", std::to_string(max_range_uj) + "\n");
}

inline void SetRaplEnergy(const FakeSysfs& sysfs, const std::string& id, int64_t energy_uj) {
  sysfs.Write("class/powercap/" + id + "/energy_uj", std::to_string(energy_uj) + "\n");
}

constexpr char kJetsonHwmon[] = "bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/";

// One hwmon channel: in<N>_label, in<N>_input (mV), curr<N>_input (mA).
inline void WriteHwmonRail(const FakeSysfs& sysfs, int channel, const std::string& label, int64_t millivolts,
                           int64_t milliamps, const std::string& hwmon_dir = kJetsonHwmon) {
  const std::string n = std::to_string(channel);
  sysfs.Write(hwmon_dir + "in" + n + "_label", label + "\n");
  sysfs.Write(hwmon_dir + "in" + n + "_input", std::to_string(millivolts) + "\n");
  sysfs.Write(hwmon_dir + "curr" + n + "_input", std::to_string(milliamps) + "\n");
}

// A clock the test moves by hand.
struct FakeClock {
  int64_t now_ns = 0;
  MonotonicClock AsClock() {
    return [this] { return now_ns; };
  }
  void AdvanceSeconds(double seconds) { now_ns += static_cast<int64_t>(seconds * 1e9); }
};

}  // namespace edgebench
