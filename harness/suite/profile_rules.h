// What is profiled around each configuration beyond latency (issue 4): the
// per-op pass, perf counters, the thermal cool-down gate and sampling, and the
// idle-power window of measured energy. A suite's "run.profile" object; the
// worker receives it with the rest of the run rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "profilers/thermal/cooldown_gate.h"
#include "runtime/core/status.h"

namespace edgebench {

struct ProfileRules {
  // After the measured phase, run the model more times with a timer and
  // counters around every node. Kept out of the measured
  // phase so its overhead never reaches the latency figures.
  bool per_op = true;
  // At least this many iterations and at least this much time (estimated
  // from the measured median), at most 1000 iterations.
  int per_op_iterations = 3;
  double per_op_min_time_ms = 100;
  // Hardware events by libpfm4 name; empty means the default set (cycles,
  // instructions, caches, branches, LLC, stalls where the PMU has them).
  // Software events are always collected.
  std::vector<std::string> counters;
  std::optional<CooldownRule> cooldown;  // see profilers/thermal/cooldown_gate.h
  // The parent samples frequency and temperature this often while a
  // configuration runs, besides before and after it.
  double thermal_sample_period_s = 5;
  // With a power sensor, idle power is measured this long just before the run
  // and subtracted.
  double energy_idle_ms = 500;
};

nlohmann::json ToJson(const ProfileRules& rules);
// Errors name the field by its JSON path under `path`.
Expected<ProfileRules> ParseProfileRules(const nlohmann::json& value, const std::string& path);

}  // namespace edgebench
