#include "devices/projection/projection.h"

#include <cassert>
#include <optional>

#include "devices/projection/fit_check.h"
#include "devices/projection/projected_energy.h"
#include "devices/projection/roofline.h"

namespace edgebench {

namespace {

constexpr const char* kFormula =
    "latency_ms = sum_i max(flops_i / P, bytes_i / BW) / efficiency_i, with P = unit peak_gops x fraction_used "
    "(GOP/s), BW = memory bandwidth (GB/s), efficiency_i = host roofline_i / host measured_i (clamped to 1)";

std::vector<std::string> RooflineAssumptions() {
  return {
      "bytes are the runtime's tensor bytes read + written, counted as DRAM traffic: an upper bound that ignores "
      "cache reuse",
      "a CPU's peak scales with min(threads, cores) / cores; memory bandwidth does not scale with threads",
      "every op runs on the one unit projected on: no per-op fallback to another unit, no transfer cost",
  };
}

// The target's latency and what it was computed from, written into `method`.
Known<double> ProjectLatency(const Workload& workload, const HostCalibration& calibration, const DeviceProfile& target,
                             const std::optional<UnitPeak>& unit, nlohmann::json& method) {
  const Status usable = CheckRooflineInputs(target);
  if (!usable.ok()) return Known<double>::Unknown(usable.message());
  if (!unit) {
    return Known<double>::Unknown(workload.precision + " is not supported by any compute unit of " + target.id);
  }
  if (unit->kind != "cpu") {
    method["assumptions"].push_back("ASSUMPTION: the " + unit->kind + " '" + unit->unit +
                                    "' reaches the same fraction of its roofline, op by op, as the host CPU did; "
                                    "a CPU's efficiency does not obviously transfer to a " +
                                    unit->kind);
  }
  const double gops = unit->effective_gops();
  const double gbps = target.memory_bandwidth_gbps.value;
  double roofline_ms = 0;
  double latency_ms = 0;
  int memory_bound_ops = 0;
  for (size_t i = 0; i < workload.ops.size(); ++i) {
    const double op_ms = RooflineMs(workload.ops[i], gops, gbps);
    roofline_ms += op_ms;
    latency_ms += op_ms / calibration.op_efficiency[i];
    if (IsMemoryBound(workload.ops[i], gops, gbps)) ++memory_bound_ops;
  }
  method["target"]["roofline_ms"] = roofline_ms;
  method["target"]["ops"] = workload.ops.size();
  method["target"]["memory_bound_ops"] = memory_bound_ops;
  return Known<double>::Of(latency_ms);
}

}  // namespace

Projection ProjectOnTarget(const Workload& workload, const HostCalibration& calibration, const DeviceProfile& target) {
  assert(calibration.op_efficiency.size() == workload.ops.size() && "calibration of another workload");
  Projection out;
  out.device = target.id;
  const std::optional<UnitPeak> unit = FastestUnit(target, workload.precision, workload.threads);
  if (unit) out.unit = unit->unit;

  out.method = {
      {"name", "roofline per op, efficiency calibrated on the host"},
      {"formula", kFormula},
      {"precision", workload.precision},
      {"threads", workload.threads},
      {"target",
       {{"unit", unit ? ToJson(*unit) : nlohmann::json()},
        {"bandwidth_gbps", SourcedJson(target.memory_bandwidth_gbps)}}},
      {"calibration", ToJson(calibration)},
      {"assumptions", RooflineAssumptions()},
      {"warnings", calibration.warnings},
  };
  for (const std::string& assumption : calibration.assumptions) out.method["assumptions"].push_back(assumption);

  out.latency_ms = ProjectLatency(workload, calibration, target, unit, out.method);
  const ProjectedEnergy energy = ProjectEnergy(out.latency_ms, unit, workload.threads, target);
  out.joules_per_inference = energy.joules_per_inference;
  out.avg_power_w = energy.avg_power_w;
  out.method["energy"] = energy.model;

  out.fit_problems = FitProblems(workload, target, unit.has_value());
  out.fits = out.fit_problems.empty();
  out.budget_problems = BudgetProblems(workload, out.latency_ms, target);
  out.method["fit"] = FitMethod(workload, target);
  return out;
}

Expected<Projection> ProjectWorkload(const Workload& workload, const DeviceProfile& host, const DeviceProfile& target) {
  EB_ASSIGN_OR_RETURN(const HostCalibration calibration, CalibrateOnHost(workload, host));
  return ProjectOnTarget(workload, calibration, target);
}

Expected<std::vector<Projection>> ProjectOnAll(const Workload& workload, const DeviceProfile& host,
                                               const std::vector<DeviceProfile>& targets) {
  EB_ASSIGN_OR_RETURN(const HostCalibration calibration, CalibrateOnHost(workload, host));
  std::vector<Projection> projections;
  for (const DeviceProfile& target : targets) projections.push_back(ProjectOnTarget(workload, calibration, target));
  return projections;
}

nlohmann::json ToJson(const Projection& projection) {
  nlohmann::json out{
      {"device", projection.device},
      {"unit", projection.unit.empty() ? nlohmann::json() : nlohmann::json(projection.unit)},
      {"mode", "projected"},
  };
  PutKnown(out, "latency_ms", projection.latency_ms);
  PutKnown(out, "joules_per_inference", projection.joules_per_inference);
  PutKnown(out, "avg_power_w", projection.avg_power_w);
  out["fits"] = projection.fits;
  out["fit_problems"] = projection.fit_problems;
  out["budget_problems"] = projection.budget_problems;
  out["method"] = projection.method;
  return out;
}

}  // namespace edgebench
