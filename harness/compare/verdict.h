// The comparison of one metric of one configuration, and the verdict rules
// (see DescribeVerdictRule and DescribeNoisyRule in compare_options.h):
//  - latency: noisy when either side has fewer than min_samples stored
//    samples or a robust CV (1.4826 * MAD / median) above max_cv; else
//    regressed / improved when the two-sided Mann-Whitney U test gives
//    p < alpha AND the relative change of the figure is beyond +/-threshold;
//    else unchanged. The change's 95% interval is a percentile bootstrap of
//    the stored samples; it is reported, not voted.
//  - deterministic (memory): the relative change against +/-threshold, no
//    test. A figure "unknown" on either side cannot be judged: noisy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/compare/compare_options.h"
#include "harness/compare/metric_list.h"
#include "profilers/latency/bootstrap.h"
#include "profilers/latency/mann_whitney.h"

namespace edgebench {

enum class Verdict { kUnchanged, kImproved, kNoisy, kRegressed, kMissing, kNew };

const char* VerdictName(Verdict verdict);

// The worse of two metric verdicts: regressed > noisy > improved > unchanged.
Verdict WorseVerdict(Verdict a, Verdict b);

// 1.4826 * MAD / median with nearest-rank medians: the CV of a normal
// distribution, estimated from its body only. Infinity when the median is 0
// and the MAD is not; 0 for an empty sample.
double RobustCv(const std::vector<double>& samples);

// One run's stored latency samples with their robust CV, computed once per
// configuration and shared by its latency metrics.
struct LatencySamples {
  std::vector<double> values;
  double robust_cv = 0;
};
LatencySamples MakeLatencySamples(std::vector<double> values);

struct MetricComparison {
  const CompareMetric* metric = nullptr;
  // The figures as the results files report them (latency: over all
  // measured samples); absent when "unknown".
  std::optional<double> base;
  std::optional<double> candidate;
  std::optional<double> change;  // candidate / base - 1; absent when base is 0 or a figure unknown
  // Latency only.
  std::optional<RelativeChangeInterval> interval;
  std::optional<MannWhitneyResult> test;
  int64_t base_samples = 0;
  int64_t candidate_samples = 0;
  double base_robust_cv = 0;
  double candidate_robust_cv = 0;

  Verdict verdict = Verdict::kUnchanged;
  std::string reason;  // the rule that decided, with its figures
};

MetricComparison CompareLatencyMetric(const CompareMetric& metric, double base_figure, double candidate_figure,
                                      const LatencySamples& base, const LatencySamples& candidate,
                                      const CompareOptions& options);

MetricComparison CompareDeterministicMetric(const CompareMetric& metric, const MetricFigure& base,
                                            const MetricFigure& candidate, const CompareOptions& options);

}  // namespace edgebench
