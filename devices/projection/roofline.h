// The roofline model (Williams, Waterman, Patterson, "Roofline", CACM 2009)
// applied to one op on one compute unit: an op takes at least the time to do
// its arithmetic at the unit's peak and the time to move its bytes at the
// device's memory bandwidth, whichever is longer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "devices/profiles/device_profile.h"
#include "devices/projection/workload.h"
#include "runtime/core/status.h"

namespace edgebench {

// One compute unit's peak at one precision, scaled to the threads a run uses.
struct UnitPeak {
  std::string unit;       // ComputeUnit::name
  std::string kind;       // ComputeUnit::kind
  std::string precision;  // of the peak used
  Sourced peak_gops;      // the profile's figure, for the whole unit
  // Fraction of the unit the run can use. On a CPU, min(threads, cores) /
  // cores: the profile's peak is for all cores, each core contributes an equal
  // share, and threads beyond the core count add nothing. Other units run the
  // whole model on the whole unit, so threads do not scale them (1).
  double fraction_used = 1;
  double effective_gops() const { return peak_gops.value * fraction_used; }
};

// The peak of `unit` at `precision` for a run with `threads`, or nullopt when
// the unit's peaks do not include the precision (it does not support it).
std::optional<UnitPeak> PeakOf(const ComputeUnit& unit, const std::string& precision, int threads, int cpu_cores);

// The unit of `device` with the highest effective peak at `precision` (the
// first listed on a tie, which is the CPU), or nullopt when none supports it.
std::optional<UnitPeak> FastestUnit(const DeviceProfile& device, const std::string& precision, int threads);

// What the roofline divides by must be positive: the device's bandwidth, every
// peak, and the CPU core count when the device has a CPU unit. The message
// names the profile and field at fault.
Status CheckRooflineInputs(const DeviceProfile& device);

// t = max(flops / P, bytes / BW) in ms, with P in GOP/s and BW in GB/s (1e9
// bytes/s). `bytes` are the runtime's tensor bytes read and written, counted
// as DRAM traffic: an upper bound that ignores reuse in caches.
double RooflineMs(const OpWork& op, double gops, double gbps);
// The op's byte time exceeds its compute time.
bool IsMemoryBound(const OpWork& op, double gops, double gbps);

// {"value", "source"} of a profile figure, for a projection's method.
nlohmann::json SourcedJson(const Sourced& figure);
// {"unit", "kind", "precision", "peak_gops": {value, source}, "fraction_used", "effective_gops"}.
nlohmann::json ToJson(const UnitPeak& peak);

}  // namespace edgebench
