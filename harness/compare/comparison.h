// A whole comparison of two results files (base and new): every paired
// configuration with its metric comparisons and verdict, the warnings, and
// the options. The writers (console, Markdown, JUnit, JSON) all take it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/compare/compare_options.h"
#include "harness/compare/verdict.h"
#include "runtime/core/status.h"

namespace edgebench {

// What identifies a run, and what must match for a comparison to make sense.
struct RunIdentity {
  std::string path;
  std::string run_id;
  std::string git_sha;
  std::string cpu_model;
  std::string build_type;
  std::string device_id;
};

struct ConfigComparison {
  std::string config_key;
  std::string base_status;       // empty when the base run lacks it
  std::string candidate_status;  // empty when the new run lacks it
  Verdict verdict = Verdict::kUnchanged;
  std::string note;                       // a status change, or why there are no metrics
  std::vector<MetricComparison> metrics;  // only when both statuses are ok
};

struct Comparison {
  CompareOptions options;
  RunIdentity base;
  RunIdentity candidate;
  // Host cpu_model, build type or device differences: comparing across
  // machines or builds is usually a mistake.
  std::vector<std::string> warnings;
  std::vector<ConfigComparison> configs;
};

// Compares two documents already through ReadResultsJson. Errors (bad input):
// a duplicate config_key, or an ok result lacking a field a requested metric
// needs, naming the file, the config key and the field.
Expected<Comparison> CompareRuns(const nlohmann::json& base_doc, const std::string& base_path,
                                 const nlohmann::json& new_doc, const std::string& new_path,
                                 const CompareOptions& options);

// Configurations per verdict, indexed by Verdict.
using VerdictCounts = std::array<int, 6>;
VerdictCounts CountVerdicts(const Comparison& comparison);
// "5 configurations: 1 regressed, 0 noisy, ..." in a fixed order.
std::string SummaryLine(const Comparison& comparison);

// Whether the gate fails (exit 1): a regression, or a missing configuration
// under --fail-on-missing.
bool GateFails(const Comparison& comparison);
// Why the gate passes or fails, naming the failing configurations.
std::string GateReason(const Comparison& comparison);

}  // namespace edgebench
