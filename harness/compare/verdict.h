// The comparison of one metric of one configuration, and the verdict rules
// (see DescribeVerdictRule and DescribeNoisyRule in compare_options.h):
//  - latency: noisy when either side has fewer than min_samples stored
//    samples or a robust CV (1.4826 * MAD / median) above max_cv; else
//    regressed / improved when the two-sided Mann-Whitney U test gives
//    p < alpha AND the relative change of the figure is beyond +/-threshold
//    AND (the repetition rule) the statistic of each repetition of the new
//    run is beyond that of its counterpart in the base run (repetition k
//    against k) by more than the threshold; when some repetition does not
//    show the change, noisy; else unchanged.
//    Why the repetition rule: samples within a repetition are not
//    independent (a build on the other core slows a whole stretch of them),
//    so with thousands of samples the U test calls any such stretch
//    significant. Repetitions are the run's independent replicates; a change
//    that some repetitions of the two runs do not show is not evidence. The change's 95% interval is a percentile bootstrap of
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
// configuration and shared by its latency metrics. repetition_starts holds
// the index in `values` where each repetition's stored samples begin (one
// entry, 0, when the run had one repetition or did not say).
struct LatencySamples {
  std::vector<double> values;
  std::vector<size_t> repetition_starts = {0};
  double robust_cv = 0;
};
LatencySamples MakeLatencySamples(std::vector<double> values, std::vector<size_t> repetition_starts = {0});

// The statistic taken on each repetition's stored samples, in run order
// (repetitions without stored samples are skipped).
std::vector<double> PerRepetition(const LatencySamples& samples, BootstrapStatistic statistic);

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
  std::vector<double> base_repetitions;  // the statistic per repetition
  std::vector<double> candidate_repetitions;

  Verdict verdict = Verdict::kUnchanged;
  std::string reason;  // the rule that decided, with its figures
};

MetricComparison CompareLatencyMetric(const CompareMetric& metric, double base_figure, double candidate_figure,
                                      const LatencySamples& base, const LatencySamples& candidate,
                                      const CompareOptions& options);

MetricComparison CompareDeterministicMetric(const CompareMetric& metric, const MetricFigure& base,
                                            const MetricFigure& candidate, const CompareOptions& options);

}  // namespace edgebench
