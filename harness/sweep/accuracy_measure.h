// The accuracy a configuration's precision costs: after the timed phase, the
// session that was measured and an FP32 `ref` session run the same inputs
// (the model's dataset, or synthetic batches), and their outputs are compared
// (harness/accuracy). The FP32 configuration reports top-1 accuracy on
// labeled data. Runs after every timed figure is taken, so it touches none.
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
