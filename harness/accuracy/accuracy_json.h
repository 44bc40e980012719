// The "accuracy" block of a result (reports/schema/results.schema.json is the
// authority). The reports read rel_l2, cosine, top1_agreement, top1_accuracy,
// max_abs_err and mean_abs_err at its top level.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harness/accuracy/output_agreement.h"
#include "harness/inputs/dataset.h"

namespace edgebench {

// A candidate precision against the FP32 reference: {"available": true,
// "reference": "fp32 ref", "primary_output", "inputs", the primary output's
// figures, "outputs": [every output's figures]}. The primary output is the
// first; a figure that is undefined is absent, with a "<figure>_reason".
nlohmann::json AccuracyJson(const OutputAgreement& agreement, const Dataset& dataset);

// The reference configuration itself: no delta, but top-1 accuracy on
// labeled data is still a measurement: {"available": true, "reference":
// "self", "primary_output", "inputs", "top1_accuracy"}; without labels or a
// classifier-shaped first output, unavailable with the reason.
nlohmann::json ReferenceAccuracyJson(const OutputAgreement& agreement, const Dataset& dataset);

// {"available": false, "reason": reason}.
nlohmann::json UnavailableAccuracyJson(const std::string& reason);

}  // namespace edgebench
