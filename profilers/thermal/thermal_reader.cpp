#include "profilers/thermal/thermal_reader.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

// Bounds that no working sensor reports; a value outside is a driver error code.
constexpr double kMinPlausibleC = -80.0;
constexpr double kMaxPlausibleC = 200.0;

ThermalZone ReadOneZone(const std::string& dir, int zone) {
  ThermalZone out;
  out.zone = zone;
  const Expected<std::string> type = ReadSysfsValue(dir + "/type");
  out.type = type.ok() ? Known<std::string>::Of(*type) : Known<std::string>::Unknown(type.status().message());
  const Expected<int64_t> millidegrees = ReadSysfsInt(dir + "/temp");
  if (!millidegrees.ok()) {
    out.temp_c = Known<double>::Unknown(millidegrees.status().message());
    return out;
  }
  const double celsius = static_cast<double>(*millidegrees) / 1000.0;
  if (celsius < kMinPlausibleC || celsius > kMaxPlausibleC) {
    out.temp_c = Known<double>::Unknown(dir + "/temp holds " + std::to_string(*millidegrees) +
                                        " millidegrees C, outside any plausible temperature");
  } else {
    out.temp_c = Known<double>::Of(celsius);
  }
  return out;
}

}  // namespace

ThermalZones ReadThermalZones(const std::string& sysfs_root) {
  ThermalZones out;
  const std::string root = sysfs_root + "/class/thermal";
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    out.reason = "no " + root + " (VM or no thermal driver)";
    return out;
  }
  for (int zone : ListNumberedEntries(root, "thermal_zone")) {
    out.zones.push_back(ReadOneZone(root + "/thermal_zone" + std::to_string(zone), zone));
  }
  if (out.zones.empty()) out.reason = "no thermal_zoneN under " + root + " (VM or no thermal driver)";
  return out;
}

Known<double> MaxTemperature(const ThermalZones& zones) {
  if (zones.zones.empty()) return Known<double>::Unknown(zones.reason);
  std::optional<double> hottest;
  for (const ThermalZone& zone : zones.zones) {
    if (zone.temp_c.known()) hottest = std::max(hottest.value_or(*zone.temp_c.value), *zone.temp_c.value);
  }
  if (!hottest) return Known<double>::Unknown(zones.zones.front().temp_c.reason);
  return Known<double>::Of(*hottest);
}

}  // namespace edgebench
