#include "runtime/quant/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "runtime/session/session.h"
#include "runtime/session/step_observer.h"

namespace edgebench {

Expected<CalibrationMethod> ParseCalibrationMethod(const std::string& name) {
  if (name == "minmax") return CalibrationMethod::kMinMax;
  if (name == "percentile") return CalibrationMethod::kPercentile;
  if (name == "entropy") return CalibrationMethod::kEntropy;
  return InvalidArgument("unknown calibration method '" + name + "' (known: minmax, percentile, entropy)");
}

const char* CalibrationMethodName(CalibrationMethod method) {
  switch (method) {
    case CalibrationMethod::kMinMax: return "minmax";
    case CalibrationMethod::kPercentile: return "percentile";
    case CalibrationMethod::kEntropy: return "entropy";
  }
  return "?";
}

Status CheckCalibrationSettings(const CalibrationSettings& settings) {
  if (settings.method == CalibrationMethod::kPercentile &&
      !(settings.percentile > 50.0 && settings.percentile <= 100.0)) {
    return InvalidArgument("calibration percentile must be in (50, 100], got " + std::to_string(settings.percentile));
  }
  return Status::Ok();
}

namespace {

// One float activation: its running min and max, then its histogram.
struct ValueStats {
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();
  std::optional<ValueHistogram> histogram;

  void Observe(const Tensor& t) {
    const float* data = t.data<float>();
    const int64_t n = t.num_elements();
    if (histogram) {
      histogram->Add(data, n);
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      if (!std::isfinite(data[i])) continue;
      min = std::min(min, data[i]);
      max = std::max(max, data[i]);
    }
  }
};

// Reads every float output of every step right after the step ran, while its
// arena slot still holds it.
class RangeObserver : public StepObserver {
 public:
  RangeObserver(const Session& session, std::map<int, ValueStats>& stats) : session_(session), stats_(stats) {}

  void BeforeStep(int /*step*/) override {}
  void AfterStep(int step) override {
    const Node& node = session_.graph().nodes[session_.step_node(step)];
    for (int v : node.outputs) {
      if (v == kNoValue || session_.value(v).dtype() != DType::kFloat32) continue;
      stats_[v].Observe(session_.value(v));
    }
  }

 private:
  const Session& session_;
  std::map<int, ValueStats>& stats_;
};

Status RunPass(Session& session, const std::vector<std::vector<Tensor>>& batches, std::map<int, ValueStats>& stats) {
  RangeObserver observer(session, stats);
  for (const std::vector<Tensor>& batch : batches) {
    for (int i = 0; i < session.num_inputs(); ++i) {
      if (i < static_cast<int>(batch.size()) && batch[i].dtype() == DType::kFloat32) {
        stats[session.graph().inputs[i]].Observe(batch[i]);
      }
    }
    EB_RETURN_IF_ERROR(session.Run(batch, &observer).WithContext("calibration run"));
  }
  return Status::Ok();
}

}  // namespace

Expected<std::map<std::string, TensorRange>> CalibrateRanges(std::shared_ptr<const Model> model,
                                                             const std::vector<std::vector<Tensor>>& batches,
                                                             const CalibrationSettings& settings) {
  EB_RETURN_IF_ERROR(CheckCalibrationSettings(settings));
  if (batches.empty()) return InvalidArgument("calibration needs at least one input batch");
  SessionOptions options;
  for (size_t i = 0; i < batches[0].size() && i < model->graph.inputs.size(); ++i) {
    options.input_shapes[model->graph.values[model->graph.inputs[i]].name] = batches[0][i].shape();
  }
  EB_ASSIGN_OR_RETURN(auto session, Session::Create(model, options));

  std::map<int, ValueStats> stats;
  EB_RETURN_IF_ERROR(RunPass(*session, batches, stats));
  if (settings.method != CalibrationMethod::kMinMax) {
    for (auto& [v, s] : stats) {
      if (s.min <= s.max) s.histogram.emplace(s.min, s.max);
    }
    EB_RETURN_IF_ERROR(RunPass(*session, batches, stats));
  }

  std::map<std::string, TensorRange> ranges;
  for (const auto& [v, s] : stats) {
    if (s.min > s.max) continue;  // never a finite value: nothing to calibrate
    TensorRange range{s.min, s.max};
    if (s.histogram && settings.method == CalibrationMethod::kPercentile) {
      range = PercentileRange(*s.histogram, settings.percentile);
    } else if (s.histogram && settings.method == CalibrationMethod::kEntropy) {
      range = EntropyRange(*s.histogram);
    }
    ranges[session->graph().values[v].name] = range;
  }
  return ranges;
}

}  // namespace edgebench
