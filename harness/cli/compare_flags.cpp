#include "harness/cli/compare_flags.h"

#include <cstdio>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/compare/comparison.h"
#include "harness/compare/comparison_writers.h"
#include "runtime/core/file_io.h"

namespace edgebench::cli {

void AddCompareFlags(CLI::App& command, CompareFlags& flags) {
  command.add_option("--threshold", flags.threshold,
                     "Smallest relative change that counts: a non-negative number followed by '%', e.g. 5% or 2.5%")
      ->capture_default_str();
  command.add_option("--metrics", flags.metrics,
                     "Comma-separated metrics to compare (default: p50,peak_activation_bytes,weights_bytes)");
  command.add_option("--alpha", flags.alpha, "Significance level of the Mann-Whitney U test on latency samples")
      ->check(CLI::Range(1e-12, 0.5))
      ->capture_default_str();
  command.add_option("--min-samples", flags.min_samples, "Fewer stored latency samples than this on a side: noisy")
      ->check(CLI::Range(int64_t{2}, int64_t{1} << 40))
      ->capture_default_str();
  command.add_option("--max-cv", flags.max_cv, "Robust CV (1.4826*MAD/median) above this on a side: noisy")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_option("--resamples", flags.resamples, "Bootstrap resamples for the CI95 of each latency change")
      ->check(CLI::Range(int64_t{100}, int64_t{1000000}))
      ->capture_default_str();
  command.add_option("--seed", flags.seed, "Bootstrap seed (the same seed gives the same intervals)")
      ->capture_default_str();
  command.add_flag("--no-repetition-rule", flags.no_repetition_rule,
                   "Judge a change even when the two runs' repetitions overlap (see Noisy below)");
  command.add_flag("--fail-on-missing", flags.fail_on_missing,
                   "A configuration in the base but not in the new run fails the gate (exit 1)");
  command.add_option("--markdown", flags.markdown, "Also write the report as Markdown to FILE");
  command.add_option("--junit", flags.junit, "Also write JUnit XML to FILE (one testcase per configuration x metric)");
  command.add_option("--json", flags.json, "Also write every figure, verdict and option as JSON (edgebench.compare/1)");
  const CompareOptions defaults;
  command.footer("Metrics:\n" + DescribeCompareMetrics() +                                  //
                 "Verdicts: improved, regressed, unchanged, noisy, missing (in base, not in new), new.\n" +  //
                 "Rule: " + DescribeVerdictRule(defaults) + ".\n" +                          //
                 "Noisy: " + DescribeNoisyRule(defaults) + ".\n" +                           //
                 "Exit codes: 0 no regression, 1 a regression (or missing with --fail-on-missing), 2 bad input.");
}

int GateErrorExit(const Status& status) {
  ReportStatus(status);
  return kExitBadInput;
}

Expected<CompareOptions> ToCompareOptions(const CompareFlags& flags) {
  CompareOptions options;
  EB_ASSIGN_OR_RETURN(options.threshold, ParseThreshold(flags.threshold));
  options.threshold_text = flags.threshold;
  if (!flags.metrics.empty()) {
    EB_ASSIGN_OR_RETURN(options.metrics, ParseMetricList(flags.metrics));
  }
  options.alpha = flags.alpha;
  options.min_samples = flags.min_samples;
  options.max_cv = flags.max_cv;
  options.bootstrap.resamples = flags.resamples;
  options.bootstrap.seed = flags.seed;
  options.fail_on_missing = flags.fail_on_missing;
  options.repetition_rule = !flags.no_repetition_rule;
  return options;
}

Expected<int> RunComparison(const nlohmann::json& base_doc, const std::string& base_path,
                            const nlohmann::json& new_doc, const std::string& new_path, const CompareFlags& flags) {
  EB_ASSIGN_OR_RETURN(const CompareOptions options, ToCompareOptions(flags));
  EB_ASSIGN_OR_RETURN(const Comparison comparison, CompareRuns(base_doc, base_path, new_doc, new_path, options));
  std::fputs(ConsoleReport(comparison).c_str(), stdout);
  std::fflush(stdout);
  if (!flags.markdown.empty()) EB_RETURN_IF_ERROR(WriteFileBytes(flags.markdown, MarkdownReport(comparison)));
  if (!flags.junit.empty()) EB_RETURN_IF_ERROR(WriteFileBytes(flags.junit, JunitReport(comparison)));
  if (!flags.json.empty()) EB_RETURN_IF_ERROR(WriteFileBytes(flags.json, JsonReport(comparison).dump(2) + "\n"));
  return GateFails(comparison) ? kExitRegressed : kExitOk;
}

}  // namespace edgebench::cli
