#include "harness/accuracy/accuracy_json.h"

namespace edgebench {
namespace {

using nlohmann::json;

// The inputs compared: the dataset's source, and what of it was added.
json InputsJson(const OutputAgreement& agreement, const Dataset& dataset) {
  const int64_t per_batch =
      dataset.batches.empty() ? 0 : dataset.samples / static_cast<int64_t>(dataset.batches.size());
  return {{"source", dataset.source},
          {"samples", agreement.batches() * per_batch},
          {"batches", agreement.batches()},
          {"dropped_samples", dataset.dropped_samples},
          {"labeled", agreement.labeled()}};
}

void PutFigure(json& out, const char* name, const std::optional<double>& value, const std::string& reason) {
  if (value) {
    out[name] = *value;
  } else if (!reason.empty()) {
    out[std::string(name) + "_reason"] = reason;
  }
}

// One output's figures, without its name.
json FiguresJson(const OutputMetrics& m) {
  json out = {{"elements", m.elements}, {"non_finite", m.non_finite}};
  PutFigure(out, "max_abs_err", m.max_abs_err, m.errors_reason);
  PutFigure(out, "mean_abs_err", m.mean_abs_err, m.errors_reason);
  PutFigure(out, "rel_l2", m.rel_l2, m.rel_l2_reason);
  PutFigure(out, "cosine", m.cosine, m.cosine_reason);
  if (m.classes > 0) {
    out["classes"] = m.classes;
    PutFigure(out, "top1_agreement", m.top1_agreement, "");
    PutFigure(out, "top5_agreement", m.top5_agreement, m.top5_agreement_reason);
    PutFigure(out, "top1_accuracy", m.top1_accuracy, "");
    PutFigure(out, "reference_top1_accuracy", m.reference_top1_accuracy, "");
  }
  return out;
}

}  // namespace

json AccuracyJson(const OutputAgreement& agreement, const Dataset& dataset) {
  const std::vector<OutputMetrics> metrics = agreement.Metrics();
  if (agreement.batches() == 0 || metrics.empty()) return UnavailableAccuracyJson("no batch was compared");
  json out = FiguresJson(metrics[0]);
  out["available"] = true;
  out["reference"] = "fp32 ref";
  out["primary_output"] = metrics[0].name;
  out["inputs"] = InputsJson(agreement, dataset);
  json outputs = json::array();
  for (const OutputMetrics& m : metrics) {
    json one = FiguresJson(m);
    one["name"] = m.name;
    outputs.push_back(std::move(one));
  }
  out["outputs"] = std::move(outputs);
  return out;
}

json ReferenceAccuracyJson(const OutputAgreement& agreement, const Dataset& dataset) {
  const std::vector<OutputMetrics> metrics = agreement.Metrics();
  if (agreement.batches() == 0 || metrics.empty()) return UnavailableAccuracyJson("no batch was run");
  const OutputMetrics& primary = metrics[0];
  if (!primary.reference_top1_accuracy) {
    const std::string why = !agreement.labeled() ? "the dataset (" + dataset.source + ") has no labels"
                                                 : "output '" + primary.name + "' is not classifier-shaped";
    return UnavailableAccuracyJson("this configuration is the reference, so there is no delta; " + why +
                                   ", so there is no top-1 accuracy");
  }
  return {{"available", true},
          {"reference", "self"},
          {"primary_output", primary.name},
          {"inputs", InputsJson(agreement, dataset)},
          {"top1_accuracy", *primary.reference_top1_accuracy}};
}

json UnavailableAccuracyJson(const std::string& reason) { return {{"available", false}, {"reason", reason}}; }

}  // namespace edgebench
