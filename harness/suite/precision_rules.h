// How the non-FP32 precisions are made and judged (issue 6): the INT8
// quantization mode and calibration, and how many inputs the accuracy deltas
// use. A suite's "run.precision" object; the worker receives it with the rest
// of the run rules. A model's calibration and accuracy data come from its
// override ("calibration", "dataset"); without them, synthetic inputs are used
// and the result says so.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

struct PrecisionRules {
  // "static" (calibrated activations, integer Conv/MatMul/Gemm), "dynamic"
  // (int8 weights, activations quantized per run: MatMul/Gemm only), or
  // "auto": dynamic for models without Conv (MLPs, RNNs, transformers),
  // static otherwise.
  std::string quantization = "auto";
  std::string calibration_method = "minmax";  // minmax, percentile, entropy
  double calibration_percentile = 99.99;
  // Calibration batches: at most this many from the calibration folder, or
  // exactly this many synthetic ones.
  int calibration_samples = 16;
  std::string activation_type = "uint8";  // uint8 or int8
  bool per_channel = true;
  // Batches compared with the FP32 reference when the model has no dataset
  // (with one, every sample of it is used, up to max_accuracy_samples).
  int accuracy_samples = 4;
  int max_accuracy_samples = 1000;
};

nlohmann::json ToJson(const PrecisionRules& rules);
// Errors name the field by its JSON path under `path`.
Expected<PrecisionRules> ParsePrecisionRules(const nlohmann::json& value, const std::string& path);

}  // namespace edgebench
