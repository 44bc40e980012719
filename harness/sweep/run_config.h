// One configuration of a sweep. It travels from the planner to a worker
// process as JSON, with the suite's run rules (SuiteRunRules).
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
  // Per-model overrides: folders of inputs for the accuracy deltas and for
  // INT8 calibration (harness/inputs/dataset.h); empty: synthetic inputs.
  std::string dataset;
  std::string calibration;
};

// Identifies a configuration across runs (compare, resume): every field that
// changes what is measured, not where the model file lives.
std::string ConfigKey(const RunConfig& config);


nlohmann::json ToJson(const RunConfig& config);
Expected<RunConfig> RunConfigFromJson(const nlohmann::json& json);

}  // namespace edgebench
