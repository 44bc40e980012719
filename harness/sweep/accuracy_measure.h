// What a configuration costs in accuracy: after the timed phase, the session
// that was measured and an FP32 `ref` session of the model as loaded (opt
// level none) run the same inputs (the model's dataset, or synthetic
// batches), and their outputs are compared (harness/accuracy). That checks
// every precision, backend kernel and graph pass in every result. The FP32
// ref configuration at opt level none, and a model file that is already
// quantized (no FP32 model exists), report top-1 accuracy on labeled data.
// Runs after every timed figure is taken, so it touches none.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/suite/precision_rules.h"
#include "harness/sweep/precision_model.h"
#include "harness/sweep/run_config.h"
#include "runtime/session/session.h"

namespace edgebench {

// The result's "accuracy" object. Failing to measure is not failing the
// configuration: the object is then unavailable with the reason, and the
// reason is added to `warnings`.
nlohmann::json MeasureAccuracy(const RunConfig& config, const PrecisionRules& rules, Session& candidate,
                               const PreparedModel& prepared, uint64_t seed, std::vector<std::string>* warnings);

}  // namespace edgebench
