// Projection of a workload measured on the host onto a device profile: latency,
// energy per inference, whether it fits, and the device class's budgets.
//
// Method (every figure below is written into Projection::method with the
// profile source it came from):
// - Roofline per op on unit u:  t_i = max(flops_i / P_u, bytes_i / BW).
//   P_u is u's peak at the workload's precision scaled to the threads used: on a
//   CPU, peak x min(threads, cores) / cores; accelerators are not scaled. BW is
//   the device's sustained memory bandwidth. bytes_i are the runtime's tensor
//   bytes read + written, counted as DRAM traffic: an upper bound that ignores
//   cache reuse.
// - Efficiency, calibrated on the host (host_calibration.h): the same roofline
//   on the host's CPU divided by the measured time, per op when the host's
//   per-op times are given (ops under kMinPerOpCalibrationMs share one factor
//   pooled over their times), else one whole-model factor; clamped to 1 with a
//   warning. Projected latency = sum_i t_i(target) / efficiency_i.
// - Unit: the fastest unit of the target whose peaks include the precision
//   (all ops run on it). On a non-CPU unit it is an assumption, stated as such,
//   that it reaches the fraction of its roofline the host CPU reached.
// - Energy (projected_energy.h): estimated by the profilers' power model from
//   the profile's idle_w and typical_w over the projected latency.
// - Fit (fit_check.h): RAM, flash, precision. Budgets: max_model_bytes,
//   target_latency_ms; a budget miss is not a fit failure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "devices/profiles/device_profile.h"
#include "devices/projection/host_calibration.h"
#include "devices/projection/workload.h"
#include "profilers/thermal/known.h"
#include "runtime/core/status.h"

namespace edgebench {

struct Projection {
  std::string device;  // DeviceProfile::id
  std::string unit;    // the compute unit projected on; empty when none supports the precision
  Known<double> latency_ms;
  Known<double> joules_per_inference;  // estimated, above idle (as measured figures are)
  Known<double> avg_power_w;           // estimated, including idle
  bool fits = false;
  std::vector<std::string> fit_problems;     // "weights+arena+scratch 9.1 MB exceed RAM 1 MB", …
  std::vector<std::string> budget_problems;  // over the class's max_model_bytes or target_latency_ms
  nlohmann::json method;                     // name, formula, every parameter with its source
};

// `calibration` must come from CalibrateOnHost(workload, …). Never fails: what
// the target's profile cannot give (no unit for the precision, a bandwidth or
// peak that is not positive) leaves latency and energy unknown with the reason.
Projection ProjectOnTarget(const Workload& workload, const HostCalibration& calibration, const DeviceProfile& target);

// `host` is the profile of the machine that measured the workload (detected,
// with measured peaks and bandwidth). Fails as CalibrateOnHost does.
Expected<Projection> ProjectWorkload(const Workload& workload, const DeviceProfile& host, const DeviceProfile& target);

// One projection per target, in order, from one calibration on the host.
Expected<std::vector<Projection>> ProjectOnAll(const Workload& workload, const DeviceProfile& host,
                                               const std::vector<DeviceProfile>& targets);

// {"device", "unit", "mode": "projected", "latency_ms", "joules_per_inference",
//  "avg_power_w", "fits", "fit_problems", "budget_problems", "method"}; unknown
// figures are "unknown" with "<field>_reason", and "unit" is null without one.
nlohmann::json ToJson(const Projection& projection);

}  // namespace edgebench
