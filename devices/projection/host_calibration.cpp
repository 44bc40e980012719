#include "devices/projection/host_calibration.h"

#include <algorithm>
#include <optional>

#include "devices/projection/number_text.h"

namespace edgebench {

namespace {

Status CheckWorkload(const Workload& workload) {
  const std::string where = "workload " + workload.model + " (" + workload.precision + "): ";
  if (workload.threads < 1) return InvalidArgument(where + "threads must be at least 1");
  if (!(workload.host_latency_ms > 0)) {
    return InvalidArgument(where + "host_latency_ms must be a positive measured latency to calibrate on");
  }
  for (const OpWork& op : workload.ops) {
    if (op.flops < 0 || op.bytes < 0) return InvalidArgument(where + "op " + op.name + " has negative flops or bytes");
    if (op.host_ms && !(*op.host_ms >= 0)) return InvalidArgument(where + "op " + op.name + " has a negative host_ms");
  }
  return Status::Ok();
}

// The host's CPU ran the workload (the runtime has CPU backends only).
Expected<UnitPeak> HostCpuPeak(const Workload& workload, const DeviceProfile& host,
                               std::vector<std::string>& assumptions) {
  const auto cpu =
      std::find_if(host.units.begin(), host.units.end(), [](const ComputeUnit& unit) { return unit.kind == "cpu"; });
  if (cpu == host.units.end()) return InvalidArgument("host profile " + host.id + " has no unit of kind cpu");
  if (auto peak = PeakOf(*cpu, workload.precision, workload.threads, host.cpu.cores)) return *peak;
  // DESIGN.md: fp16 is storage with FP32 arithmetic on CPUs without FP16
  // arithmetic, and `devices detect` measures fp32 and int8 peaks only.
  if (workload.precision == "fp16") {
    if (auto peak = PeakOf(*cpu, "fp32", workload.threads, host.cpu.cores)) {
      assumptions.push_back("host " + host.id + " has no fp16 peak: its fp16 run is taken to compute in FP32 " +
                            "(fp16 storage, FP32 arithmetic), so the host's fp32 peak calibrates it");
      return *peak;
    }
  }
  return InvalidArgument("host profile " + host.id + ": unit '" + cpu->name + "' has no " + workload.precision +
                         " peak to calibrate on");
}

// An efficiency above 1 is clamped; `count` and `worst` describe the clamped ones.
struct Clamped {
  int count = 0;
  double worst = 0;
  std::string worst_op;
};

double Clamp(double efficiency, const std::string& op, Clamped& clamped) {
  if (efficiency <= 1) return efficiency;
  ++clamped.count;
  if (efficiency > clamped.worst) {
    clamped.worst = efficiency;
    clamped.worst_op = op;
  }
  return 1;
}

}  // namespace

Expected<HostCalibration> CalibrateOnHost(const Workload& workload, const DeviceProfile& host) {
  EB_RETURN_IF_ERROR(CheckWorkload(workload));
  EB_RETURN_IF_ERROR(CheckRooflineInputs(host));
  HostCalibration out;
  out.host = host.id;
  EB_ASSIGN_OR_RETURN(out.unit, HostCpuPeak(workload, host, out.assumptions));
  out.bandwidth_gbps = host.memory_bandwidth_gbps;
  out.measured_ms = workload.host_latency_ms;

  const double gops = out.unit.effective_gops();
  const double gbps = out.bandwidth_gbps.value;
  std::vector<double> roofline_ms;
  for (const OpWork& op : workload.ops) {
    roofline_ms.push_back(RooflineMs(op, gops, gbps));
    out.roofline_ms += roofline_ms.back();
  }
  if (!(out.roofline_ms > 0)) {
    return InvalidArgument("workload " + workload.model + ": its ops have no flops or bytes to project");
  }

  Clamped whole;
  out.whole_model_efficiency = Clamp(out.roofline_ms / out.measured_ms, "the whole model", whole);
  if (whole.count > 0) {
    out.warnings.push_back("the host ran the whole model at " + ThreeSignificant(whole.worst) +
                           "x its roofline: host " + host.id +
                           "'s peak or bandwidth is understated, or the ops' bytes stayed in cache; clamped to 1");
  }

  // Ops timed below kMinPerOpCalibrationMs are too short for their own
  // factor, but the whole-model factor is the wrong one for them: it is set by
  // the big compute-bound ops, while the short ones are mostly memory-bound
  // and near their roofline. They share one factor, pooled over their times.
  double short_roofline_ms = 0;
  double short_host_ms = 0;
  for (size_t i = 0; i < workload.ops.size(); ++i) {
    const OpWork& op = workload.ops[i];
    if (op.host_ms && *op.host_ms < kMinPerOpCalibrationMs && roofline_ms[i] > 0) {
      short_roofline_ms += roofline_ms[i];
      short_host_ms += *op.host_ms;
    }
  }
  Clamped pooled;
  if (short_host_ms > 0) {
    out.short_op_efficiency = Clamp(short_roofline_ms / short_host_ms, "the short ops together", pooled);
  }

  Clamped per_op;
  for (size_t i = 0; i < workload.ops.size(); ++i) {
    const OpWork& op = workload.ops[i];
    if (!op.host_ms || roofline_ms[i] <= 0) {
      out.op_efficiency.push_back(out.whole_model_efficiency);
    } else if (*op.host_ms < kMinPerOpCalibrationMs) {
      out.op_efficiency.push_back(short_host_ms > 0 ? *out.short_op_efficiency : out.whole_model_efficiency);
      ++out.ops_calibrated_pooled;
    } else {
      out.op_efficiency.push_back(Clamp(roofline_ms[i] / *op.host_ms, op.name, per_op));
      ++out.ops_calibrated_per_op;
    }
  }
  if (per_op.count > 0) {
    out.warnings.push_back(std::to_string(per_op.count) + " of " + std::to_string(out.ops_calibrated_per_op) +
                           " timed ops ran faster than host " + host.id + "'s roofline (worst: " + per_op.worst_op +
                           " at " + ThreeSignificant(per_op.worst) +
                           "x): the peak or bandwidth is understated, or their bytes stayed in cache; clamped to 1");
  }
  return out;
}

nlohmann::json ToJson(const HostCalibration& calibration) {
  const int ops = static_cast<int>(calibration.op_efficiency.size());
  return nlohmann::json{
      {"host", calibration.host},
      {"unit", ToJson(calibration.unit)},
      {"bandwidth_gbps", SourcedJson(calibration.bandwidth_gbps)},
      {"roofline_ms", calibration.roofline_ms},
      {"measured_ms", calibration.measured_ms},
      {"mode", calibration.ops_calibrated_per_op > 0 ? "per-op" : "whole-model"},
      {"whole_model_efficiency", calibration.whole_model_efficiency},
      {"ops_calibrated_per_op", calibration.ops_calibrated_per_op},
      {"ops_calibrated_pooled", calibration.ops_calibrated_pooled},
      {"short_op_efficiency", calibration.short_op_efficiency ? nlohmann::json(*calibration.short_op_efficiency)
                                                              : nlohmann::json(nullptr)},
      {"ops_with_whole_model_efficiency", ops - calibration.ops_calibrated_per_op - calibration.ops_calibrated_pooled},
      {"min_per_op_ms", kMinPerOpCalibrationMs},
  };
}

}  // namespace edgebench
