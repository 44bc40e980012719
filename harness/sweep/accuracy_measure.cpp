#include "harness/sweep/accuracy_measure.h"

#include "harness/accuracy/accuracy_json.h"
#include "harness/accuracy/output_agreement.h"
#include "harness/inputs/dataset.h"

namespace edgebench {
namespace {

Expected<nlohmann::json> Measure(const RunConfig& config, const PrecisionRules& rules, Session& candidate,
                                 const PreparedModel& prepared, uint64_t seed) {
  const std::vector<InputBinding> bindings = InputBindings(candidate);
  Dataset data;
  if (!config.dataset.empty()) {
    auto read = ReadDataset(config.dataset, bindings, rules.max_accuracy_samples);
    if (!read.ok()) return read.status().WithContext("accuracy dataset");
    data = std::move(*read);
  } else {
    EB_ASSIGN_OR_RETURN(data, MakeSyntheticDataset(bindings, rules.accuracy_samples, seed));
  }
  if (data.batches.empty()) return InvalidArgument("the accuracy dataset has no complete batch");

  OutputAgreement agreement;
  // The FP32 ref configuration without passes is what every other one is
  // judged against, so it has no delta, only its top-1 accuracy. A model
  // file that is already quantized has no FP32 model to judge it against:
  // it too reports only its own top-1 accuracy, and says why.
  const bool is_reference = config.precision == "fp32" && config.backend == "ref" && config.opt_level == "none";
  if (is_reference || !prepared.reference) {
    for (size_t b = 0; b < data.batches.size(); ++b) {
      EB_RETURN_IF_ERROR(candidate.Run(data.batches[b]));
      EB_RETURN_IF_ERROR(agreement.Add(candidate, candidate, BatchLabels(data, b)));
    }
    if (is_reference) return ReferenceAccuracyJson(agreement, data);
    nlohmann::json self = ReferenceAccuracyJson(agreement, data);
    if (self.value("available", false)) {
      self["deltas_reason"] = prepared.no_reference_reason;
    } else {
      self["reason"] = prepared.no_reference_reason + "; " + self.value("reason", "");
    }
    return self;
  }
  SessionOptions options;
  options.backend = "ref";
  options.batch = config.batch;
  for (const auto& [name, dims] : config.input_shapes) options.input_shapes[name] = dims;
  EB_ASSIGN_OR_RETURN(auto reference, Session::Create(prepared.reference, options));
  for (size_t b = 0; b < data.batches.size(); ++b) {
    EB_RETURN_IF_ERROR(reference->Run(data.batches[b]).WithContext("FP32 reference run"));
    EB_RETURN_IF_ERROR(candidate.Run(data.batches[b]));
    EB_RETURN_IF_ERROR(agreement.Add(*reference, candidate, BatchLabels(data, b)));
  }
  return AccuracyJson(agreement, data);
}

}  // namespace

nlohmann::json MeasureAccuracy(const RunConfig& config, const PrecisionRules& rules, Session& candidate,
                               const PreparedModel& prepared, uint64_t seed, std::vector<std::string>* warnings) {
  Expected<nlohmann::json> measured = Measure(config, rules, candidate, prepared, seed);
  if (measured.ok()) return std::move(measured).value();
  const std::string reason = "accuracy not measured: " + measured.status().ToString();
  warnings->push_back(reason);
  return UnavailableAccuracyJson(reason);
}

}  // namespace edgebench
