// The result's "energy" object (DESIGN.md "Results"):
//   {kind: "measured"|"estimated"|"unknown", source, joules_per_inference,
//    avg_power_w, idle_w, model: {...}, reason?}
// A figure that cannot be given is "unknown" with "<field>_reason".
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "profilers/energy/energy_meter.h"
#include "profilers/energy/energy_model.h"
#include "profilers/energy/idle_power.h"

namespace edgebench {

// A sensor's measurement of the measured phase, less the idle baseline taken
// before it. `model` records the subtraction and the sensor's details.
nlohmann::json MeasuredEnergyJson(const EnergyMeasurement& run, const IdlePower& idle, int64_t inferences);

nlohmann::json EstimatedEnergyJson(const EnergyEstimate& estimate);

// No sensor and no model: every figure unknown with `reason`.
nlohmann::json UnknownEnergyJson(const std::string& reason);

}  // namespace edgebench
