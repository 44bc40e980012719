#include "profilers/energy/ina3221_rails.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

namespace fs = std::filesystem;

// The INA3221 has three channels (TI datasheet SBOS576); the hwmon driver's
// in4..in7 are shunt voltages and their sum, not rails.
constexpr int kChannels = 3;

// Sub-directories of `dir` whose names start with `prefix`, sorted.
std::vector<std::string> SubdirsStartingWith(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0 && it->is_directory(ec)) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// Unconnected channels have no label, are disabled, or are labelled "NC".
void AddHwmonRails(const std::string& hwmon_dir, std::vector<PowerRail>& rails) {
  for (int n = 1; n <= kChannels; ++n) {
    const std::string in = hwmon_dir + "/in" + std::to_string(n);
    const Expected<std::string> label = ReadSysfsValue(in + "_label");
    if (!label.ok() || *label == "NC") continue;
    const Expected<int64_t> enabled = ReadSysfsInt(in + "_enable");
    if (enabled.ok() && *enabled == 0) continue;
    PowerRail rail;
    rail.name = *label;
    rail.layout = "hwmon";
    rail.voltage_path = in + "_input";
    rail.current_path = hwmon_dir + "/curr" + std::to_string(n) + "_input";
    if (Exists(rail.voltage_path) && Exists(rail.current_path)) rails.push_back(std::move(rail));
  }
}

void AddIioRails(const std::string& iio_dir, std::vector<PowerRail>& rails) {
  for (int n = 0; n < kChannels; ++n) {
    const Expected<std::string> name = ReadSysfsValue(iio_dir + "/rail_name_" + std::to_string(n));
    if (!name.ok() || *name == "NC") continue;
    PowerRail rail;
    rail.name = *name;
    rail.layout = "iio";
    rail.power_path = iio_dir + "/in_power" + std::to_string(n) + "_input";
    if (Exists(rail.power_path)) rails.push_back(std::move(rail));
  }
}

}  // namespace

Expected<std::vector<PowerRail>> FindIna3221Rails(const std::string& sysfs_root) {
  const std::string drivers = sysfs_root + "/bus/i2c/drivers";
  std::vector<PowerRail> rails;
  // Device directories are named by bus and address ("1-0040"); the driver
  // directory also holds bind, unbind, uevent and module, which have no hwmon.
  for (const std::string& device : SubdirsStartingWith(drivers + "/ina3221", "")) {
    for (const std::string& hwmon : SubdirsStartingWith(device + "/hwmon", "hwmon")) AddHwmonRails(hwmon, rails);
  }
  for (const std::string& device : SubdirsStartingWith(drivers + "/ina3221x", "")) {
    for (const std::string& iio : SubdirsStartingWith(device, "iio:device")) AddIioRails(iio, rails);
  }
  if (rails.empty()) {
    return NotFound("no ina3221 under " + drivers + " (neither ina3221/*/hwmon/hwmon*/in<N>_label nor " +
                    "ina3221x/*/iio:device*/rail_name_<N>)");
  }
  return rails;
}

Expected<double> ReadRailWatts(const PowerRail& rail) {
  if (rail.layout == "iio") {
    EB_ASSIGN_OR_RETURN(const int64_t milliwatts, ReadSysfsInt(rail.power_path));
    return static_cast<double>(milliwatts) / 1e3;
  }
  EB_ASSIGN_OR_RETURN(const int64_t millivolts, ReadSysfsInt(rail.voltage_path));
  EB_ASSIGN_OR_RETURN(const int64_t milliamps, ReadSysfsInt(rail.current_path));
  return static_cast<double>(millivolts) * static_cast<double>(milliamps) / 1e6;
}

std::optional<size_t> FindInputRail(const std::vector<PowerRail>& rails) {
  for (const char* input : {"VDD_IN", "POM_5V_IN"}) {
    for (size_t i = 0; i < rails.size(); ++i) {
      if (rails[i].name == input) return i;
    }
  }
  return std::nullopt;
}

}  // namespace edgebench
