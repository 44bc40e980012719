// One configuration of a sweep and the rules for measuring it. Both travel
// from the planner to a worker process as JSON.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

struct RunConfig {
  std::string model;        // display name: zoo name or file stem
  std::string model_path;
  std::string model_sha256;
  std::string precision = "fp32";
  std::string backend = "ref";
  int threads = 1;
  int64_t batch = 1;
  std::string opt_level = "basic";
  std::string pinning = "none";
  std::string scenario = "single_stream";
  std::map<std::string, std::vector<int64_t>> input_shapes;  // per-model override; empty: the model's own
};

// Identifies a configuration across runs (compare, resume): every field that
// changes what is measured, not where the model file lives.
std::string ConfigKey(const RunConfig& config);

struct MeasureRules {
  int warmup_iterations = 3;
  double warmup_min_time_ms = 100;
  int min_iterations = 10;
  double min_time_ms = 500;
  double max_time_ms = 5000;
  int repetitions = 1;
  double timeout_s = 120;  // whole configuration, enforced by the parent
  double duty_cycle_period_ms = 100;
  uint64_t seed = 42;      // synthetic inputs
};

nlohmann::json ToJson(const RunConfig& config);
Expected<RunConfig> RunConfigFromJson(const nlohmann::json& json);
nlohmann::json ToJson(const MeasureRules& rules);
Expected<MeasureRules> MeasureRulesFromJson(const nlohmann::json& json);

}  // namespace edgebench
