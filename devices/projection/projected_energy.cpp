#include "devices/projection/projected_energy.h"

#include <cassert>

#include "profilers/energy/energy_model.h"

namespace edgebench {

namespace {

ProjectedEnergy Unknown(const std::string& why, nlohmann::json model) {
  return ProjectedEnergy{Known<double>::Unknown(why), Known<double>::Unknown(why), std::move(model)};
}

}  // namespace

ProjectedEnergy ProjectEnergy(const Known<double>& latency_ms, const std::optional<UnitPeak>& unit, int threads,
                              const DeviceProfile& target) {
  nlohmann::json model{{"kind", "estimated"}};
  if (!latency_ms.known()) return Unknown("latency is unknown: " + latency_ms.reason, model);
  assert(unit && "a known latency was projected on a unit");

  const std::string profile = "device profile " + target.id + " ";
  PowerModel power;
  power.idle_w = target.idle_w.value;
  power.active_w = target.typical_w.value;
  power.idle_source = profile + "idle_w: " + target.idle_w.source;
  power.active_source = profile + "typical_w: " + target.typical_w.source;
  PowerModelRun run;
  run.wall_s = run.busy_s = *latency_ms.value / 1000;
  run.inferences = 1;
  if (unit->kind == "cpu") {
    power.cores = target.cpu.cores;
    run.threads = threads;
  } else {
    power.cores = run.threads = 1;
    model["accelerator_assumption"] =
        "the " + unit->kind + " '" + unit->unit + "' running the model draws the board's whole typical_w - idle_w";
  }
  const Expected<EnergyEstimate> estimate = EstimateWithPowerModel(power, run);
  if (!estimate.ok()) return Unknown(profile + "power figures: " + estimate.status().message(), model);
  model.update(estimate->model);
  return ProjectedEnergy{Known<double>::Of(estimate->joules_per_inference), Known<double>::Of(estimate->avg_power_w),
                         model};
}

}  // namespace edgebench
