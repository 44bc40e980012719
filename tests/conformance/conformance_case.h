// One ONNX backend test: model.onnx plus test_data_set_*/{input,output}_N.pb.
#pragma once

#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench::conformance {

struct Case {
  std::string name;  // "node/test_conv_with_strides_padding"
  std::string dir;
};

enum class Outcome { kPassed, kFailed, kSkipped };

struct CaseResult {
  Outcome outcome = Outcome::kPassed;
  std::string message;
  // For skips: why, grouped ("unsupported op: Foo", "unsupported data type double").
  std::string skip_category;
  // Op types of the model, for the coverage summary.
  std::vector<std::string> op_types;
};

// Every test folder with a model.onnx under DIR/{node,pytorch-converted,pytorch-operator,simple}, sorted.
Expected<std::vector<Case>> DiscoverCases(const std::string& data_dir);
CaseResult RunCase(const Case& c);

}  // namespace edgebench::conformance
