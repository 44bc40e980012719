// What `edgebench compare` (and `baseline check`) is asked to do: the
// thresholds of the verdict rules, the metrics and the bootstrap settings.
// Every output records them, so a verdict can be reproduced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/compare/metric_list.h"
#include "profilers/latency/bootstrap.h"
#include "runtime/core/status.h"

namespace edgebench {

struct CompareOptions {
  // A relative change beyond +threshold regresses, beyond -threshold
  // improves (latency: only when also significant).
  double threshold = 0.05;
  std::string threshold_text = "5%";
  double alpha = 0.05;  // significance level of the Mann-Whitney U test
  // The noisy rule: fewer stored samples than this on either side, or a
  // robust CV above max_cv, and latency cannot be judged.
  int64_t min_samples = 20;
  double max_cv = 0.25;
  // The repetition rule (verdict.h): a change that not every repetition
  // shows beyond the threshold against its counterpart is noisy.
  bool repetition_rule = true;
  BootstrapOptions bootstrap;
  std::vector<const CompareMetric*> metrics = DefaultCompareMetrics();
  bool fail_on_missing = false;  // a configuration missing from the new run fails the gate
};

// The one accepted threshold text: a non-negative decimal number followed
// by '%', e.g. "5%", "2.5%", "0%"; returned as a fraction (0.05). Anything
// else (a bare number, a sign, spaces, an exponent) is an error that says
// what is expected.
Expected<double> ParseThreshold(const std::string& text);

// The verdict rules in words, with these options' figures, for --help and
// every report.
std::string DescribeVerdictRule(const CompareOptions& options);
std::string DescribeNoisyRule(const CompareOptions& options);
// "threshold 5%, alpha 0.05, metrics p50,p90, ..., bootstrap 1000 resamples, seed 42".
std::string DescribeOptions(const CompareOptions& options);

}  // namespace edgebench
