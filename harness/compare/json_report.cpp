#include "harness/compare/comparison_writers.h"

#include <cmath>

namespace edgebench {
namespace {

// JSON has no infinity or NaN; such a figure is written as null.
nlohmann::json Number(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

nlohmann::json Optional(const std::optional<double>& value) {
  return value ? Number(*value) : nlohmann::json();
}

// Absent from that run: null.
nlohmann::json StatusOrNull(const std::string& status) {
  return status.empty() ? nlohmann::json() : nlohmann::json(status);
}

nlohmann::json RunJson(const RunIdentity& run) {
  return {{"path", run.path},          {"run_id", run.run_id},         {"git_sha", run.git_sha},
          {"cpu_model", run.cpu_model}, {"build_type", run.build_type}, {"device", run.device_id}};
}

nlohmann::json OptionsJson(const CompareOptions& options) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const CompareMetric* metric : options.metrics) metrics.push_back(metric->name);
  return {{"threshold", options.threshold},
          {"threshold_text", options.threshold_text},
          {"alpha", options.alpha},
          {"metrics", metrics},
          {"min_samples", options.min_samples},
          {"max_robust_cv", options.max_cv},
          {"repetition_rule", options.repetition_rule},
          {"bootstrap", {{"resamples", options.bootstrap.resamples},
                         {"seed", options.bootstrap.seed},
                         {"confidence", options.bootstrap.confidence}}},
          {"fail_on_missing", options.fail_on_missing}};
}

nlohmann::json MetricJson(const MetricComparison& metric) {
  nlohmann::json out = {{"metric", metric.metric->name},
                        {"kind", MetricKindName(metric.metric->kind)},
                        {"unit", metric.metric->unit},
                        {"field", MetricFieldPath(*metric.metric)},
                        {"base", Optional(metric.base)},
                        {"new", Optional(metric.candidate)},
                        {"change", Optional(metric.change)},
                        {"verdict", VerdictName(metric.verdict)},
                        {"reason", metric.reason}};
  if (metric.metric->kind != MetricKind::kLatency) return out;
  out["samples"] = {{"base", metric.base_samples},
                    {"new", metric.candidate_samples},
                    {"base_robust_cv", Number(metric.base_robust_cv)},
                    {"new_robust_cv", Number(metric.candidate_robust_cv)},
                    {"base_per_repetition", metric.base_repetitions},
                    {"new_per_repetition", metric.candidate_repetitions}};
  if (metric.interval) {
    const RelativeChangeInterval& ci = *metric.interval;
    out["change_ci95"] = {Number(ci.lower), Number(ci.upper)};
    if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) {
      out["change_ci95_null_means"] = "unbounded: some resample's base statistic was 0";
    }
    out["bootstrap"] = {{"method", "percentile bootstrap of the stored samples, each run resampled independently"},
                        {"estimate_on_stored_samples", Number(ci.estimate)},
                        {"resamples", ci.resamples},
                        {"seed", ci.seed},
                        {"confidence", ci.confidence}};
  } else {
    out["change_ci95"] = nullptr;
  }
  if (metric.test) {
    const MannWhitneyResult& test = *metric.test;
    out["test"] = {{"name", "Mann-Whitney U, two-sided, new vs base stored samples"},
                   {"method", MannWhitneyMethodName(test.method)},
                   {"u_new", test.u_x},
                   {"z", Number(test.z)},
                   {"p_value", Number(test.p_value)},
                   {"common_language_effect", test.common_language},
                   {"rank_biserial", test.rank_biserial},
                   {"ties", test.ties}};
  } else {
    out["test"] = nullptr;
  }
  return out;
}

}  // namespace

nlohmann::json JsonReport(const Comparison& comparison) {
  nlohmann::json configs = nlohmann::json::array();
  for (const ConfigComparison& config : comparison.configs) {
    nlohmann::json metrics = nlohmann::json::array();
    for (const MetricComparison& metric : config.metrics) metrics.push_back(MetricJson(metric));
    configs.push_back({{"config_key", config.config_key},
                       {"base_status", StatusOrNull(config.base_status)},
                       {"new_status", StatusOrNull(config.candidate_status)},
                       {"verdict", VerdictName(config.verdict)},
                       {"note", config.note},
                       {"metrics", metrics}});
  }
  const VerdictCounts counts = CountVerdicts(comparison);
  nlohmann::json summary = nlohmann::json::object();
  for (Verdict verdict : {Verdict::kRegressed, Verdict::kNoisy, Verdict::kImproved, Verdict::kUnchanged,
                          Verdict::kMissing, Verdict::kNew}) {
    summary[VerdictName(verdict)] = counts[static_cast<size_t>(verdict)];
  }
  const bool fails = GateFails(comparison);
  return {{"schema", kCompareSchema},
          {"base", RunJson(comparison.base)},
          {"new", RunJson(comparison.candidate)},
          {"options", OptionsJson(comparison.options)},
          {"rules", {{"verdict", DescribeVerdictRule(comparison.options)},
                     {"noisy", DescribeNoisyRule(comparison.options)}}},
          {"warnings", comparison.warnings},
          {"summary", summary},
          {"gate", {{"fails", fails}, {"exit_code", fails ? 1 : 0}, {"reason", GateReason(comparison)}}},
          {"configs", configs}};
}

}  // namespace edgebench
