// The flags `edgebench compare` and `edgebench baseline check` share, and
// the comparison they run: verdict table on stdout, optional Markdown,
// JUnit and JSON files, the gate's exit code.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/compare/compare_options.h"
#include "runtime/core/status.h"

namespace CLI {
class App;
}

namespace edgebench::cli {

// Exit code when the gate fails (a regression, or missing with --fail-on-missing).
constexpr int kExitRegressed = 1;

// The gate's exit code for a failure to compare: always 2, even for an
// internal error, because to a CI job 1 means "regressed".
int GateErrorExit(const Status& status);

struct CompareFlags {
  std::string threshold = "5%";
  std::string metrics;  // empty: DefaultCompareMetrics()
  double alpha = 0.05;
  int64_t min_samples = 20;
  double max_cv = 0.25;
  int64_t resamples = 1000;
  uint64_t seed = 42;
  bool fail_on_missing = false;
  bool no_repetition_rule = false;
  std::string markdown;
  std::string junit;
  std::string json;
};

// Adds the options above, and the rules and metric list to the --help footer.
void AddCompareFlags(CLI::App& command, CompareFlags& flags);

// Checks --threshold and --metrics (bad text is bad input).
Expected<CompareOptions> ToCompareOptions(const CompareFlags& flags);

// Compares the two documents (already through ReadResultsJson), prints the
// console report, writes the requested files; kExitOk or kExitRegressed.
Expected<int> RunComparison(const nlohmann::json& base_doc, const std::string& base_path,
                            const nlohmann::json& new_doc, const std::string& new_path, const CompareFlags& flags);

}  // namespace edgebench::cli
