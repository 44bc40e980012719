#include "profilers/energy/energy_json.h"

#include "profilers/thermal/known.h"

namespace edgebench {

nlohmann::json MeasuredEnergyJson(const EnergyMeasurement& run, const IdlePower& idle, int64_t inferences) {
  const ActiveEnergy active = SubtractIdle(run, idle, inferences);
  nlohmann::json out = {{"kind", "measured"}, {"source", run.source}};
  PutKnown(out, "joules_per_inference", active.joules_per_inference);
  out["avg_power_w"] = active.avg_power_w;
  out["idle_w"] = active.idle_w;
  out["model"] = {
      {"name", "measured minus idle"},
      {"formula", "joules_per_inference = (joules - idle_w * seconds) / inferences"},
      {"joules", run.joules},
      {"seconds", run.seconds},
      {"inferences", inferences},
      {"idle_w", idle.watts},
      {"idle_seconds", idle.seconds},
      {"sensor", run.details},
  };
  return out;
}

nlohmann::json EstimatedEnergyJson(const EnergyEstimate& estimate) {
  return {{"kind", "estimated"},
          {"source", estimate.source},
          {"joules_per_inference", estimate.joules_per_inference},
          {"avg_power_w", estimate.avg_power_w},
          {"idle_w", estimate.idle_w},
          {"model", estimate.model}};
}

nlohmann::json UnknownEnergyJson(const std::string& reason) {
  const Known<double> unknown = Known<double>::Unknown(reason);
  nlohmann::json out = {{"kind", "unknown"}, {"reason", reason}};
  PutKnown(out, "joules_per_inference", unknown);
  PutKnown(out, "avg_power_w", unknown);
  PutKnown(out, "idle_w", unknown);
  return out;
}

}  // namespace edgebench
