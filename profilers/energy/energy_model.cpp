#include "profilers/energy/energy_model.h"

#include <algorithm>
#include <cmath>

namespace edgebench {

namespace {

nlohmann::json Parameter(double value, const std::string& source) {
  return {{"value", value}, {"source", source}};
}

Status RequireNonNegative(double value, const char* name) {
  if (std::isfinite(value) && value >= 0) return Status::Ok();
  return InvalidArgument(std::string("energy model parameter ") + name + " is " + std::to_string(value) +
                         ", not a non-negative number");
}

constexpr char kHorowitzSource[] =
    "Horowitz, ISSCC 2014, 45 nm 0.9 V: arithmetic or DRAM access only, not scaled to a newer node; "
    "a lower bound for a CPU";

}  // namespace

Expected<EnergyEstimate> EstimateWithPowerModel(const PowerModel& model, const PowerModelRun& run) {
  EB_RETURN_IF_ERROR(RequireNonNegative(model.idle_w, "idle_w"));
  EB_RETURN_IF_ERROR(RequireNonNegative(model.active_w, "active_w"));
  if (model.active_w < model.idle_w) {
    return InvalidArgument("power model active_w " + std::to_string(model.active_w) + " W is below idle_w " +
                           std::to_string(model.idle_w) + " W");
  }
  if (model.cores <= 0 || run.threads <= 0) {
    return InvalidArgument("power model needs cores and threads > 0, not " + std::to_string(model.cores) + " and " +
                           std::to_string(run.threads));
  }
  if (!(run.wall_s > 0) || run.busy_s < 0 || run.busy_s > run.wall_s) {
    return InvalidArgument("power model needs 0 <= busy_s <= wall_s and wall_s > 0, not busy_s " +
                           std::to_string(run.busy_s) + ", wall_s " + std::to_string(run.wall_s));
  }
  if (run.inferences <= 0) return InvalidArgument("power model needs inferences > 0");

  const double busy_cores = std::min(static_cast<double>(run.threads) / model.cores, 1.0);
  const double dynamic_j = (model.active_w - model.idle_w) * busy_cores * run.busy_s;
  const double total_j = model.idle_w * run.wall_s + dynamic_j;

  EnergyEstimate out;
  out.source = "power_model";
  out.idle_w = model.idle_w;
  out.joules_per_inference = dynamic_j / static_cast<double>(run.inferences);
  out.avg_power_w = total_j / run.wall_s;
  out.model = {
      {"name", "power model"},
      {"formula", "E = idle_w * wall_s + (active_w - idle_w) * min(threads / cores, 1) * busy_s; "
                  "joules_per_inference = (E - idle_w * wall_s) / inferences"},
      {"assumption", "dynamic power proportional to the fraction of cores busy; uncore and DRAM in idle_w"},
      {"idle_w", Parameter(model.idle_w, model.idle_source)},
      {"active_w", Parameter(model.active_w, model.active_source)},
      {"cores", model.cores},
      {"threads", run.threads},
      {"busy_core_fraction", busy_cores},
      {"wall_s", run.wall_s},
      {"busy_s", run.busy_s},
      {"inferences", run.inferences},
      {"total_joules", total_j},
  };
  return out;
}

Expected<EnergyEstimate> EstimateWithPerOpModel(const PerOpEnergyModel& model, const PerOpWorkload& work) {
  EB_RETURN_IF_ERROR(RequireNonNegative(model.mac_pj, "mac_pj"));
  EB_RETURN_IF_ERROR(RequireNonNegative(model.dram_byte_pj, "dram_byte_pj"));
  EB_RETURN_IF_ERROR(RequireNonNegative(model.idle_w, "idle_w"));
  EB_RETURN_IF_ERROR(RequireNonNegative(work.macs, "macs"));
  EB_RETURN_IF_ERROR(RequireNonNegative(work.dram_bytes, "dram_bytes"));
  if (!(work.seconds > 0)) {
    return InvalidArgument("per-op model needs seconds per inference > 0, not " + std::to_string(work.seconds));
  }

  const double dynamic_j = (model.mac_pj * work.macs + model.dram_byte_pj * work.dram_bytes) * 1e-12;
  const double total_j = dynamic_j + model.idle_w * work.seconds;

  EnergyEstimate out;
  out.source = "per_op_model";
  out.idle_w = model.idle_w;
  out.joules_per_inference = dynamic_j;
  out.avg_power_w = total_j / work.seconds;
  out.model = {
      {"name", "per-op energy model"},
      {"formula", "E = mac_pj * macs + dram_byte_pj * dram_bytes + idle_w * seconds (per inference); "
                  "joules_per_inference = E - idle_w * seconds"},
      {"assumption", "dram_bytes is every tensor byte read and written: an upper bound on DRAM traffic"},
      {"mac_pj", Parameter(model.mac_pj, model.mac_source)},
      {"dram_byte_pj", Parameter(model.dram_byte_pj, model.dram_byte_source)},
      {"idle_w", Parameter(model.idle_w, model.idle_source)},
      {"macs", work.macs},
      {"dram_bytes", work.dram_bytes},
      {"seconds", work.seconds},
      {"total_joules", total_j},
  };
  return out;
}

Expected<PerOpEnergyModel> Horowitz45nmModel(const std::string& precision, double idle_w,
                                             const std::string& idle_source) {
  PerOpEnergyModel model;
  if (precision == "fp32") {
    model.mac_pj = 3.7 + 0.9;
    model.mac_source = std::string(kHorowitzSource) + ": fp32 multiply 3.7 pJ + fp32 add 0.9 pJ";
  } else if (precision == "fp16") {
    model.mac_pj = 1.1 + 0.4;
    model.mac_source = std::string(kHorowitzSource) + ": fp16 multiply 1.1 pJ + fp16 add 0.4 pJ";
  } else if (precision == "int8") {
    model.mac_pj = 0.2 + 0.1;
    model.mac_source = std::string(kHorowitzSource) + ": 8-bit multiply 0.2 pJ + 32-bit add 0.1 pJ";
  } else {
    return InvalidArgument("no Horowitz 45 nm MAC energy for precision '" + precision + "' (fp32, fp16, int8)");
  }
  model.dram_byte_pj = 640.0 / 4;
  model.dram_byte_source = std::string(kHorowitzSource) + ": DRAM 640 pJ per 32-bit access / 4 bytes";
  model.idle_w = idle_w;
  model.idle_source = idle_source;
  return model;
}

}  // namespace edgebench
