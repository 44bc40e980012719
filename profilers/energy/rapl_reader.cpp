#include "profilers/energy/rapl_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

namespace fs = std::filesystem;

constexpr char kZonePrefix[] = "intel-rapl:";

// The numbers of "intel-rapl:0:1" ({0, 1}); empty for other entries such as
// the "intel-rapl" control type or "intel-rapl-mmio:0", which on Intel
// repeats package 0 through MMIO and would count it twice.
std::vector<int> ZoneNumbers(const std::string& id) {
  const std::string prefix = kZonePrefix;
  if (id.compare(0, prefix.size(), prefix) != 0) return {};
  std::vector<int> numbers;
  std::string part;
  for (size_t i = prefix.size(); i <= id.size(); ++i) {
    if (i == id.size() || id[i] == ':') {
      if (part.empty() || part.size() > 6) return {};
      numbers.push_back(std::stoi(part));
      part.clear();
    } else if (id[i] >= '0' && id[i] <= '9') {
      part += id[i];
    } else {
      return {};
    }
  }
  return numbers;
}

Expected<RaplZone> ReadZone(const std::string& dir, const std::string& id, bool top_level) {
  RaplZone zone;
  zone.id = id;
  zone.dir = dir;
  zone.top_level = top_level;
  EB_ASSIGN_OR_RETURN(zone.name, ReadSysfsValue(dir + "/name"));
  EB_ASSIGN_OR_RETURN(zone.max_energy_range_uj, ReadSysfsInt(dir + "/max_energy_range_uj"));
  if (zone.max_energy_range_uj <= 0) {
    return InvalidArgument(dir + "/max_energy_range_uj holds " + std::to_string(zone.max_energy_range_uj) +
                           ", not a counter range");
  }
  zone.counted_in_total = top_level && zone.name != "psys";
  return zone;
}

}  // namespace

Expected<std::vector<RaplZone>> FindRaplZones(const std::string& sysfs_root) {
  const std::string powercap = sysfs_root + "/class/powercap";
  std::vector<std::pair<std::vector<int>, std::string>> ids;
  std::error_code ec;
  for (fs::directory_iterator it(powercap, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string id = it->path().filename().string();
    std::vector<int> numbers = ZoneNumbers(id);
    if (!numbers.empty()) ids.emplace_back(std::move(numbers), id);
  }
  // Numeric order puts intel-rapl:0:0 right after intel-rapl:0 and
  // intel-rapl:10 after intel-rapl:2.
  std::sort(ids.begin(), ids.end());
  std::vector<RaplZone> zones;
  for (const auto& [numbers, id] : ids) {
    EB_ASSIGN_OR_RETURN(RaplZone zone, ReadZone(powercap + "/" + id, id, numbers.size() == 1));
    zones.push_back(std::move(zone));
  }
  if (zones.empty()) return NotFound("no powercap intel-rapl zones under " + powercap);
  return zones;
}

Expected<int64_t> ReadRaplEnergyUj(const RaplZone& zone) {
  const std::string path = zone.dir + "/energy_uj";
  Expected<int64_t> energy = ReadSysfsInt(path);
  if (!energy.ok() && access(path.c_str(), F_OK) == 0 && access(path.c_str(), R_OK) != 0 && errno == EACCES) {
    return IoError(energy.status().message() +
                   " (energy_uj is readable by root only on kernels patched for CVE-2020-8694, November 2020: run as "
                   "root or grant read access, e.g. with a udev rule)");
  }
  return energy;
}

Expected<int64_t> RaplCounterDeltaUj(int64_t start_uj, int64_t end_uj, int64_t max_range_uj) {
  if (end_uj >= start_uj) return end_uj - start_uj;
  if (max_range_uj <= 0 || start_uj > max_range_uj) {
    return InvalidArgument("RAPL counter went from " + std::to_string(start_uj) + " to " + std::to_string(end_uj) +
                           " uJ, which a wrap at max_energy_range_uj " + std::to_string(max_range_uj) +
                           " cannot explain");
  }
  return max_range_uj - start_uj + end_uj;
}

Expected<std::unique_ptr<RaplReader>> RaplReader::Open(const std::string& sysfs_root, MonotonicClock clock) {
  EB_ASSIGN_OR_RETURN(std::vector<RaplZone> zones, FindRaplZones(sysfs_root));
  bool any_counted = false;
  for (const RaplZone& zone : zones) {
    if (!zone.counted_in_total) continue;
    any_counted = true;
    EB_RETURN_IF_ERROR(ReadRaplEnergyUj(zone).status());
  }
  if (!any_counted) {
    return NotFound("no package zone among the powercap intel-rapl zones under " + sysfs_root + "/class/powercap");
  }
  return std::unique_ptr<RaplReader>(new RaplReader(std::move(zones), std::move(clock)));
}

RaplReader::RaplReader(std::vector<RaplZone> zones, MonotonicClock clock)
    : zones_(std::move(zones)), clock_(std::move(clock)) {}

std::vector<Expected<int64_t>> RaplReader::ReadAll() const {
  std::vector<Expected<int64_t>> readings;
  readings.reserve(zones_.size());
  for (const RaplZone& zone : zones_) readings.push_back(ReadRaplEnergyUj(zone));
  return readings;
}

Status RaplReader::Start() {
  start_uj_ = ReadAll();
  start_ns_ = clock_();
  for (size_t i = 0; i < zones_.size(); ++i) {
    if (zones_[i].counted_in_total && !start_uj_[i].ok()) return start_uj_[i].status();
  }
  started_ = true;
  return Status::Ok();
}

Expected<EnergyMeasurement> RaplReader::Stop() {
  if (!started_) return Internal("RaplReader::Stop without Start");
  const int64_t end_ns = clock_();
  const std::vector<Expected<int64_t>> end_uj = ReadAll();
  started_ = false;
  if (end_ns <= start_ns_) return Internal("RAPL interval of " + std::to_string(end_ns - start_ns_) + " ns");

  EnergyMeasurement out;
  out.source = source();
  out.seconds = static_cast<double>(end_ns - start_ns_) / 1e9;
  nlohmann::json zones = nlohmann::json::array();
  std::string counted;
  bool has_dram = false;
  for (size_t i = 0; i < zones_.size(); ++i) {
    const RaplZone& zone = zones_[i];
    Known<double> joules;
    bool wrapped = false;
    if (!start_uj_[i].ok() || !end_uj[i].ok()) {
      joules = Known<double>::Unknown((start_uj_[i].ok() ? end_uj[i] : start_uj_[i]).status().message());
    } else {
      const Expected<int64_t> delta = RaplCounterDeltaUj(*start_uj_[i], *end_uj[i], zone.max_energy_range_uj);
      if (!delta.ok()) {
        joules = Known<double>::Unknown(zone.dir + ": " + delta.status().message());
      } else {
        joules = Known<double>::Of(static_cast<double>(*delta) / 1e6);
        wrapped = *end_uj[i] < *start_uj_[i];
      }
    }
    if (zone.counted_in_total) {
      if (!joules.known()) return IoError(joules.reason);
      out.joules += *joules.value;
      counted += (counted.empty() ? "" : ", ") + zone.id + " (" + zone.name + ")";
    }
    has_dram = has_dram || zone.name == "dram";
    nlohmann::json entry = {{"zone", zone.id}, {"name", zone.name}, {"counted_in_total", zone.counted_in_total},
                            {"wrapped", wrapped}};
    PutKnown(entry, "joules", joules);
    zones.push_back(std::move(entry));
  }
  out.details["zones"] = std::move(zones);
  out.details["total"] = "sum of the package zones " + counted +
                         "; their sub-zones lie inside them" + (has_dram ? "; DRAM energy is not included" : "");
  return out;
}

}  // namespace edgebench
