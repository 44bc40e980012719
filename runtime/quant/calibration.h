// Static-quantization calibration: runs the float model on representative
// inputs and chooses a quantization range for every float activation.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/quant/value_histogram.h"

namespace edgebench {

enum class CalibrationMethod { kMinMax, kPercentile, kEntropy };

struct CalibrationSettings {
  CalibrationMethod method = CalibrationMethod::kMinMax;
  double percentile = 99.99;  // kPercentile only
};

Expected<CalibrationMethod> ParseCalibrationMethod(const std::string& name);
const char* CalibrationMethodName(CalibrationMethod method);
Status CheckCalibrationSettings(const CalibrationSettings& settings);

// The ranges of every float32 graph input and node output that the run
// computes (folded constants are weights, not activations), by value name.
// Each batch holds one tensor per graph input, as Session::Run takes them.
// minmax needs one pass over the batches; percentile and entropy a second one
// to fill histograms over the first pass's ranges.
Expected<std::map<std::string, TensorRange>> CalibrateRanges(std::shared_ptr<const Model> model,
                                                             const std::vector<std::vector<Tensor>>& batches,
                                                             const CalibrationSettings& settings);

}  // namespace edgebench
