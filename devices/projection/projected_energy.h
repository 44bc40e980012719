// Energy of one inference on a device that did not measure it: the profilers'
// power model (profilers/energy/energy_model.h) fed with the device profile's
// idle and typical power and the projected latency. An estimate by a stated
// model, never a measurement.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "devices/profiles/device_profile.h"
#include "devices/projection/roofline.h"
#include "profilers/thermal/known.h"

namespace edgebench {

struct ProjectedEnergy {
  // Above idle, as measured figures are: (typical_w - idle_w) x busy fraction x latency.
  Known<double> joules_per_inference;
  Known<double> avg_power_w;  // including idle
  nlohmann::json model;       // kind "estimated", the power model's formula and parameters with sources
};

// One inference run back to back on `unit` (set whenever the latency is
// known): wall time = busy time = the projected latency. On a CPU the busy
// fraction is min(threads, cores) / cores; an accelerator is taken to draw the
// board's whole typical-over-idle power (a stated assumption). Unknown, with
// the reason, when the latency is unknown or the profile's power figures are
// unusable.
ProjectedEnergy ProjectEnergy(const Known<double>& latency_ms, const std::optional<UnitPeak>& unit, int threads,
                              const DeviceProfile& target);

}  // namespace edgebench
