// How close the host came to its own roofline when it measured the workload.
// A roofline is a bound no real run reaches (launch overheads, imperfect
// kernels, the per-op bytes that are not all DRAM traffic); the fraction of it
// the host achieved is the efficiency projection carries over to targets.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "devices/profiles/device_profile.h"
#include "devices/projection/roofline.h"
#include "devices/projection/workload.h"
#include "runtime/core/status.h"

namespace edgebench {

// Per-op host times below this are mostly timer and observer overhead, so such
// ops share one efficiency pooled over their times instead of their own.
inline constexpr double kMinPerOpCalibrationMs = 0.01;

struct HostCalibration {
  std::string host;  // DeviceProfile::id
  UnitPeak unit;     // the host's CPU, which ran the workload
  Sourced bandwidth_gbps;
  double roofline_ms = 0;  // sum of the ops' host roofline times
  double measured_ms = 0;  // Workload::host_latency_ms
  // roofline_ms / measured_ms, clamped to 1.
  double whole_model_efficiency = 0;
  // Sum of roofline over sum of host time of the ops timed below
  // kMinPerOpCalibrationMs, clamped to 1; none when no op was that short.
  std::optional<double> short_op_efficiency;
  // Per op, in Workload::ops order, each in (0, 1]: roofline_i / host_ms_i for
  // ops timed at kMinPerOpCalibrationMs or more, short_op_efficiency for ops
  // timed below it, whole_model_efficiency for untimed ops.
  std::vector<double> op_efficiency;
  int ops_calibrated_per_op = 0;
  int ops_calibrated_pooled = 0;
  std::vector<std::string> assumptions;
  std::vector<std::string> warnings;  // efficiencies above 1, clamped
};

// Fails when the workload is malformed (threads < 1, negative counts, no host
// latency, nothing to compute) or the host profile cannot give a roofline for
// the workload's precision on its CPU; messages name the field at fault.
//
// An efficiency above 1 means the host beat its roofline: the profile's peak
// or bandwidth is understated, or an op's bytes stayed in cache. It is clamped
// to 1 and warned about, so no projection beats a target's own roofline.
Expected<HostCalibration> CalibrateOnHost(const Workload& workload, const DeviceProfile& host);

// {"host", "unit", "bandwidth_gbps", "roofline_ms", "measured_ms",
//  "mode": "per-op"|"whole-model", "whole_model_efficiency",
//  "ops_calibrated_per_op", "ops_with_whole_model_efficiency", "min_per_op_ms"}.
nlohmann::json ToJson(const HostCalibration& calibration);

}  // namespace edgebench
