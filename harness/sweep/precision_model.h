// The model a configuration runs at its precision and opt level: the float
// model as is (fp32), converted to half storage (fp16), or quantized to int8
// (static with calibration, or dynamic), then rewritten by the graph passes
// of config.opt_level (runtime/passes/graph_optimizer.h; QDQ fusion into
// integer kernels is one of them, at "all"). Also what was done, for the
// result's "precision" and "graph" objects.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "harness/suite/precision_rules.h"
#include "harness/sweep/run_config.h"
#include "runtime/onnx/model_loader.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

struct PreparedModel {
  std::shared_ptr<const Model> model;      // what the session runs
  std::shared_ptr<const Model> reference;  // the FP32 model its outputs are judged against; null when there is none
  std::string no_reference_reason;
  double load_ms = 0;                      // reading and loading the model that runs
  nlohmann::json precision;                // the result's "precision" object
  nlohmann::json graph;                    // the result's "graph" object: opt level and passes
};

// `seed` seeds synthetic calibration inputs. The reference is the model as
// loaded, before any pass. A model file that is already
// quantized (QDQ or QOperator ops) runs only at int8, fused and without
// calibration; other precisions refuse it.
Expected<PreparedModel> PrepareModel(const RunConfig& config, const PrecisionRules& rules, uint64_t seed);

// Rewrites the float model `proto` into the standard QDQ form (not yet fused),
// as rules.quantization says: static after calibrating `reference` (the same
// model, loaded) on config.calibration, else config.dataset, else synthetic
// inputs seeded by `seed`; or dynamic. Returns what it did: mode, calibration,
// quantizer report. `edgebench quantize` writes the result to a file.
Expected<nlohmann::json> QuantizeToInt8(const RunConfig& config, const PrecisionRules& rules,
                                        std::shared_ptr<const Model> reference, uint64_t seed,
                                        onnx::ModelProto& proto);

}  // namespace edgebench
