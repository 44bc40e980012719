#include "harness/sweep/device_figures.h"

#include "devices/projection/projection.h"
#include "profilers/energy/energy_json.h"
#include "profilers/energy/energy_model.h"

namespace edgebench {
namespace {

using json = nlohmann::json;

// The power model of the profile that describes the measuring machine: the
// --device profile when this machine is that device, else the host's.
void EstimateEnergy(const DeviceContext& context, json* record) {
  const DeviceProfile& profile = context.mode == "measured" ? context.device : context.host;
  const json& latency = (*record)["latency_ms"];
  PowerModelRun run;
  for (const json& rep : latency["repetitions"]) run.wall_s += rep["wall_ms"].get<double>() / 1e3;
  run.inferences = latency["count"].get<int64_t>();
  // mean x count: only every kth sample is stored (latency_ms.samples_stride).
  run.busy_s = latency["mean"].get<double>() * static_cast<double>(run.inferences) / 1e3;
  run.threads = (*record)["config"]["threads"].get<int>();
  const PowerModel model{profile.idle_w.value, profile.typical_w.value, profile.cpu.cores,
                         "device profile " + profile.id + " idle_w: " + profile.idle_w.source,
                         "device profile " + profile.id + " typical_w: " + profile.typical_w.source};
  const std::string sensor = (*record)["energy"].value("reason", "");
  Expected<EnergyEstimate> estimate = EstimateWithPowerModel(model, run);
  if (!estimate.ok()) {
    (*record)["energy"] = UnknownEnergyJson("no power sensor (" + sensor + ") and the power model of " + profile.id +
                                            " failed: " + estimate.status().message());
    return;
  }
  json energy = EstimatedEnergyJson(*estimate);
  energy["device"] = profile.id;
  if (!sensor.empty()) energy["not_measured_because"] = sensor;
  (*record)["energy"] = std::move(energy);
}

Workload WorkloadOf(const json& record) {
  const json& config = record["config"];
  const json& memory = record["memory"];
  Workload workload;
  workload.model = config["model"].get<std::string>();
  workload.precision = config["precision"].get<std::string>();
  workload.threads = config["threads"].get<int>();
  workload.host_latency_ms = record["latency_ms"]["p50"].get<double>();
  workload.weights_bytes = memory["weights_bytes"].get<int64_t>();
  workload.arena_bytes = memory["peak_activation_bytes"].get<int64_t>();
  workload.scratch_bytes = 0;  // scratch is planned inside the arena (memory.scratch_in_arena)
  for (const json& op : record["ops"]) {
    OpWork work;
    work.name = op["name"].get<std::string>();
    work.type = op["type"].get<std::string>();
    work.flops = op["flops"].get<int64_t>();
    work.bytes = op["bytes"].get<int64_t>();
    if (op.contains("time_ms_p50")) work.host_ms = op["time_ms_p50"].get<double>();
    workload.ops.push_back(std::move(work));
  }
  return workload;
}

}  // namespace

void AddDeviceFigures(const DeviceContext& context, json* record) {
  if ((*record)["status"] != "ok") return;
  if ((*record)["energy"]["kind"] == "unknown") EstimateEnergy(context, record);
  json projections = json::array();
  Expected<std::vector<Projection>> projected = ProjectOnAll(WorkloadOf(*record), context.host, context.targets);
  if (projected.ok()) {
    for (const Projection& p : *projected) projections.push_back(ToJson(p));
  } else {
    (*record)["warnings"].push_back("no projections: " + projected.status().message());
  }
  (*record)["projections"] = std::move(projections);
}

}  // namespace edgebench
