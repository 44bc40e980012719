// RAPL energy counters through the powercap sysfs class
// (<root>/class/powercap/intel-rapl:*; AMD Zen exposes its RAPL the same way).
// A zone's energy_uj counts microjoules and wraps at max_energy_range_uj.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "profilers/energy/energy_meter.h"
#include "profilers/thermal/known.h"

namespace edgebench {

struct RaplZone {
  std::string id;    // "intel-rapl:0" (top level) or "intel-rapl:0:1" (sub-zone)
  std::string name;  // the zone's `name`: "package-0", "core", "uncore", "dram", "psys"
  std::string dir;   // <root>/class/powercap/<id>
  bool top_level = false;
  // Top-level zones other than psys. Sub-zones (core, uncore) lie inside their
  // package, and psys (Intel platform) covers the packages, so counting them
  // too would count energy twice. Intel's dram sub-zone is a domain of its own
  // beside the package (Intel SDM vol. 3B, "RAPL interfaces"), so the total
  // excludes DRAM; the details list it.
  bool counted_in_total = false;
  int64_t max_energy_range_uj = 0;
};

// Every intel-rapl:N[:M] zone, packages in order with their sub-zones after
// them. NotFound with the directory searched when there is none.
Expected<std::vector<RaplZone>> FindRaplZones(const std::string& sysfs_root = "/sys");

// The zone's energy_uj. Kernels patched for CVE-2020-8694 (Platypus, November
// 2020) make the file readable by root only; that failure says so.
Expected<int64_t> ReadRaplEnergyUj(const RaplZone& zone);

// Microjoules between two readings of a counter that wraps at max_range_uj:
// end - start, or max_range_uj - start + end when end < start. One wrap at
// most is detectable, so intervals must be shorter than the wrap period
// (max_range / power: about an hour at 65 W with the common 262 kJ range).
Expected<int64_t> RaplCounterDeltaUj(int64_t start_uj, int64_t end_uj, int64_t max_range_uj);

class RaplReader final : public EnergyMeter {
 public:
  // Fails when there are no zones or a counted zone's energy_uj cannot be
  // read. An unreadable sub-zone is reported as unknown in the details.
  static Expected<std::unique_ptr<RaplReader>> Open(const std::string& sysfs_root = "/sys",
                                                    MonotonicClock clock = SteadyClockNs);

  std::string source() const override { return "rapl"; }
  Status Start() override;
  Expected<EnergyMeasurement> Stop() override;

  const std::vector<RaplZone>& zones() const { return zones_; }

 private:
  RaplReader(std::vector<RaplZone> zones, MonotonicClock clock);
  std::vector<Expected<int64_t>> ReadAll() const;

  std::vector<RaplZone> zones_;
  MonotonicClock clock_;
  bool started_ = false;
  int64_t start_ns_ = 0;
  std::vector<Expected<int64_t>> start_uj_;  // one per zone
};

}  // namespace edgebench
