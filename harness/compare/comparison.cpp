#include "harness/compare/comparison.h"

#include "harness/compare/pairing.h"

namespace edgebench {
namespace {

constexpr Verdict kSummaryOrder[] = {Verdict::kRegressed, Verdict::kNoisy,   Verdict::kImproved,
                                     Verdict::kUnchanged, Verdict::kMissing, Verdict::kNew};

std::string StringAt(const nlohmann::json& doc, const char* pointer) {
  const nlohmann::json::json_pointer p(pointer);
  return doc.contains(p) && doc.at(p).is_string() ? doc.at(p).get<std::string>() : "";
}

RunIdentity IdentifyRun(const nlohmann::json& doc, const std::string& path) {
  RunIdentity run;
  run.path = path;
  run.run_id = StringAt(doc, "/run/id");
  run.git_sha = StringAt(doc, "/run/git_sha");
  run.cpu_model = StringAt(doc, "/host/cpu_model");
  run.build_type = StringAt(doc, "/run/build/type");
  run.device_id = StringAt(doc, "/device/id");
  return run;
}

std::vector<std::string> MismatchWarnings(const RunIdentity& base, const RunIdentity& candidate) {
  std::vector<std::string> warnings;
  const auto check = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) {
      warnings.push_back(std::string(what) + " differs: base '" + a + "', new '" + b +
                         "'; comparing across machines or builds is usually a mistake");
    }
  };
  check("host cpu_model", base.cpu_model, candidate.cpu_model);
  check("build type", base.build_type, candidate.build_type);
  check("device", base.device_id, candidate.device_id);
  return warnings;
}

// Both results ok: every requested metric.
Status CompareOkResults(const nlohmann::json& base, const std::string& base_where, const nlohmann::json& candidate,
                      const std::string& new_where, const CompareOptions& options, ConfigComparison& config) {
  bool has_latency = false;
  for (const CompareMetric* metric : options.metrics) has_latency |= metric->kind == MetricKind::kLatency;
  LatencySamples base_samples;
  LatencySamples candidate_samples;
  if (has_latency) {
    EB_ASSIGN_OR_RETURN(std::vector<double> base_values, ReadLatencySamples(base, base_where));
    EB_ASSIGN_OR_RETURN(std::vector<double> new_values, ReadLatencySamples(candidate, new_where));
    EB_ASSIGN_OR_RETURN(std::vector<size_t> base_starts, ReadRepetitionStarts(base, base_where));
    EB_ASSIGN_OR_RETURN(std::vector<size_t> new_starts, ReadRepetitionStarts(candidate, new_where));
    base_samples = MakeLatencySamples(std::move(base_values), std::move(base_starts));
    candidate_samples = MakeLatencySamples(std::move(new_values), std::move(new_starts));
  }
  for (const CompareMetric* metric : options.metrics) {
    EB_ASSIGN_OR_RETURN(const MetricFigure base_figure, ReadMetricFigure(*metric, base, base_where));
    EB_ASSIGN_OR_RETURN(const MetricFigure new_figure, ReadMetricFigure(*metric, candidate, new_where));
    MetricComparison compared;
    if (metric->kind == MetricKind::kLatency) {
      if (!base_figure.value || !new_figure.value) {
        return InvalidArgument((base_figure.value ? new_where : base_where) + ": field '" +
                               MetricFieldPath(*metric) + "' must be a number");
      }
      compared = CompareLatencyMetric(*metric, *base_figure.value, *new_figure.value, base_samples,
                                      candidate_samples, options);
    } else {
      compared = CompareDeterministicMetric(*metric, base_figure, new_figure, options);
    }
    config.verdict = WorseVerdict(config.verdict, compared.verdict);
    config.metrics.push_back(std::move(compared));
  }
  return Status::Ok();
}

// The verdict of a pair whose statuses are not both ok.
void CompareStatuses(ConfigComparison& config) {
  const bool base_ok = config.base_status == "ok";
  const bool new_ok = config.candidate_status == "ok";
  const std::string change = "status " + config.base_status + " -> " + config.candidate_status;
  if (base_ok && !new_ok) {
    config.verdict = Verdict::kRegressed;
    config.note = change;
  } else if (!base_ok && new_ok) {
    config.verdict = Verdict::kImproved;
    config.note = change + " (no figures to compare in the base)";
  } else {
    config.verdict = Verdict::kUnchanged;
    config.note = change + ": neither run measured it";
  }
}

}  // namespace

Expected<Comparison> CompareRuns(const nlohmann::json& base_doc, const std::string& base_path,
                                 const nlohmann::json& new_doc, const std::string& new_path,
                                 const CompareOptions& options) {
  Comparison comparison;
  comparison.options = options;
  comparison.base = IdentifyRun(base_doc, base_path);
  comparison.candidate = IdentifyRun(new_doc, new_path);
  comparison.warnings = MismatchWarnings(comparison.base, comparison.candidate);

  EB_ASSIGN_OR_RETURN(const std::vector<ResultPair> pairs, PairResults(base_doc, base_path, new_doc, new_path));
  for (const ResultPair& pair : pairs) {
    ConfigComparison config;
    config.config_key = pair.config_key;
    if (pair.base != nullptr) config.base_status = (*pair.base)["status"].get<std::string>();
    if (pair.candidate != nullptr) config.candidate_status = (*pair.candidate)["status"].get<std::string>();
    if (pair.candidate == nullptr) {
      config.verdict = Verdict::kMissing;
      config.note = "in the base run, not in the new one";
    } else if (pair.base == nullptr) {
      config.verdict = Verdict::kNew;
      config.note = "in the new run, not in the base one";
    } else if (config.base_status == "ok" && config.candidate_status == "ok") {
      const std::string base_where = "'" + base_path + "': result '" + pair.config_key + "'";
      const std::string new_where = "'" + new_path + "': result '" + pair.config_key + "'";
      EB_RETURN_IF_ERROR(CompareOkResults(*pair.base, base_where, *pair.candidate, new_where, options, config));
    } else {
      CompareStatuses(config);
    }
    comparison.configs.push_back(std::move(config));
  }
  return comparison;
}

VerdictCounts CountVerdicts(const Comparison& comparison) {
  VerdictCounts counts{};
  for (const ConfigComparison& config : comparison.configs) ++counts[static_cast<size_t>(config.verdict)];
  return counts;
}

std::string SummaryLine(const Comparison& comparison) {
  const VerdictCounts counts = CountVerdicts(comparison);
  std::string line = std::to_string(comparison.configs.size()) + " configurations:";
  bool first = true;
  for (Verdict verdict : kSummaryOrder) {
    line += std::string(first ? " " : ", ") + std::to_string(counts[static_cast<size_t>(verdict)]) + " " +
            VerdictName(verdict);
    first = false;
  }
  return line;
}

bool GateFails(const Comparison& comparison) {
  for (const ConfigComparison& config : comparison.configs) {
    if (config.verdict == Verdict::kRegressed) return true;
    if (config.verdict == Verdict::kMissing && comparison.options.fail_on_missing) return true;
  }
  return false;
}

std::string GateReason(const Comparison& comparison) {
  std::string regressed;
  std::string missing;
  for (const ConfigComparison& config : comparison.configs) {
    if (config.verdict == Verdict::kRegressed) regressed += (regressed.empty() ? "" : ", ") + config.config_key;
    if (config.verdict == Verdict::kMissing) missing += (missing.empty() ? "" : ", ") + config.config_key;
  }
  std::string reason;
  if (!regressed.empty()) reason = "regressed: " + regressed;
  if (!missing.empty() && comparison.options.fail_on_missing) {
    reason += (reason.empty() ? "" : "; ") + std::string("missing (--fail-on-missing): ") + missing;
  }
  if (!reason.empty()) return "exit 1, the gate fails: " + reason;
  std::string pass = "exit 0, the gate passes: no configuration regressed";
  if (!missing.empty()) pass += " (missing, not failing without --fail-on-missing: " + missing + ")";
  return pass;
}

}  // namespace edgebench
