#include "harness/compare/verdict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "profilers/latency/latency_stats.h"

namespace edgebench {
namespace {

// 1 / Phi^-1(3/4): makes the MAD of a normal distribution its stddev.
constexpr double kMadToSigma = 1.4826;

int Severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRegressed:
      return 3;
    case Verdict::kNoisy:
      return 2;
    case Verdict::kImproved:
      return 1;
    default:
      return 0;
  }
}

std::string Percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.2f%%", fraction * 100);
  return buffer;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

// The noisy rule's reason, or empty when both sides can be judged.
std::string NoisyReason(const LatencySamples& base, const LatencySamples& candidate, const CompareOptions& options) {
  std::string reason;
  const auto check = [&](const LatencySamples& side, const char* name) {
    const auto n = static_cast<int64_t>(side.values.size());
    if (n < options.min_samples) {
      reason += std::string(reason.empty() ? "" : "; ") + name + " has " + std::to_string(n) +
                " stored samples, fewer than " + std::to_string(options.min_samples);
    } else if (side.robust_cv > options.max_cv) {
      reason += std::string(reason.empty() ? "" : "; ") + name + " robust CV " + Number(side.robust_cv) +
                " > " + Number(options.max_cv);
    }
  };
  check(base, "base");
  check(candidate, "new");
  return reason;
}

// Whether each repetition of the new run is beyond its counterpart in the
// base run by more than the threshold: repetition k against repetition k when
// both runs have the same number (the same protocol step: the first follows
// the warm-up in both), else every repetition against every other. Slower:
// new > base * (1 + t); faster: new < base * (1 - t). Vacuously true when a
// side has none.
bool RepetitionsAgree(const std::vector<double>& base, const std::vector<double>& candidate, bool slower,
                      double threshold) {
  const auto beyond = [&](double b, double n) { return slower ? n > b * (1 + threshold) : n < b * (1 - threshold); };
  if (base.size() == candidate.size()) {
    for (size_t k = 0; k < base.size(); ++k) {
      if (!beyond(base[k], candidate[k])) return false;
    }
    return true;
  }
  for (double b : base) {
    for (double n : candidate) {
      if (!beyond(b, n)) return false;
    }
  }
  return true;
}

// "0.64, 0.64, 1.64" in run order.
std::string PerRepetitionText(const std::vector<double>& values) {
  if (values.empty()) return "no repetitions";
  std::string out;
  for (double v : values) out += (out.empty() ? "" : ", ") + Number(v);
  return out;
}

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kUnchanged:
      return "unchanged";
    case Verdict::kImproved:
      return "improved";
    case Verdict::kNoisy:
      return "noisy";
    case Verdict::kRegressed:
      return "regressed";
    case Verdict::kMissing:
      return "missing";
    case Verdict::kNew:
      return "new";
  }
  return "unknown";
}

Verdict WorseVerdict(Verdict a, Verdict b) { return Severity(b) > Severity(a) ? b : a; }

double RobustCv(const std::vector<double>& samples) {
  if (samples.empty()) return 0;
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  const double median = NearestRankPercentile(sorted, 50);
  for (double& v : sorted) v = std::fabs(v - median);
  std::sort(sorted.begin(), sorted.end());
  const double mad = NearestRankPercentile(sorted, 50);
  if (median == 0) return mad == 0 ? 0 : std::numeric_limits<double>::infinity();
  return kMadToSigma * mad / median;
}

LatencySamples MakeLatencySamples(std::vector<double> values, std::vector<size_t> repetition_starts) {
  LatencySamples samples;
  samples.robust_cv = RobustCv(values);
  samples.values = std::move(values);
  samples.repetition_starts = std::move(repetition_starts);
  return samples;
}

std::vector<double> PerRepetition(const LatencySamples& samples, BootstrapStatistic statistic) {
  std::vector<double> per_repetition;
  for (size_t k = 0; k < samples.repetition_starts.size(); ++k) {
    const size_t begin = samples.repetition_starts[k];
    const size_t end =
        k + 1 < samples.repetition_starts.size() ? samples.repetition_starts[k + 1] : samples.values.size();
    if (begin >= end) continue;
    per_repetition.push_back(
        SampleStatistic(std::vector<double>(samples.values.begin() + begin, samples.values.begin() + end), statistic));
  }
  return per_repetition;
}

MetricComparison CompareLatencyMetric(const CompareMetric& metric, double base_figure, double candidate_figure,
                                      const LatencySamples& base, const LatencySamples& candidate,
                                      const CompareOptions& options) {
  MetricComparison result;
  result.metric = &metric;
  result.base = base_figure;
  result.candidate = candidate_figure;
  result.base_samples = static_cast<int64_t>(base.values.size());
  result.candidate_samples = static_cast<int64_t>(candidate.values.size());
  result.base_robust_cv = base.robust_cv;
  result.candidate_robust_cv = candidate.robust_cv;
  result.base_repetitions = PerRepetition(base, metric.statistic);
  result.candidate_repetitions = PerRepetition(candidate, metric.statistic);
  if (base_figure > 0) result.change = candidate_figure / base_figure - 1;

  std::string test_error = "a side has no stored samples";
  // Test and interval whenever the samples allow, noisy or not: the figures
  // help whoever has to decide what a noisy run means.
  if (!base.values.empty() && !candidate.values.empty()) {
    auto test = MannWhitneyU(candidate.values, base.values);
    if (test.ok()) result.test = *test;
    else test_error = test.status().message();
    auto interval = BootstrapRelativeChange(base.values, candidate.values, metric.statistic, options.bootstrap);
    if (interval.ok()) result.interval = *interval;
  }

  const std::string noisy = NoisyReason(base, candidate, options);
  if (!noisy.empty()) {
    result.verdict = Verdict::kNoisy;
    result.reason = noisy;
    return result;
  }
  if (!result.change) {
    result.verdict = Verdict::kNoisy;
    result.reason = "no relative change: the base figure is 0";
    return result;
  }
  if (!result.test) {
    result.verdict = Verdict::kNoisy;
    result.reason = "no Mann-Whitney U test: " + test_error;
    return result;
  }
  const double change = *result.change;
  const double p = result.test->p_value;
  const bool significant = p < options.alpha;
  const std::string figures = "p=" + Number(p) + ", change " + Percent(change);
  if (options.repetition_rule && significant && std::fabs(change) > options.threshold &&
      !RepetitionsAgree(result.base_repetitions, result.candidate_repetitions, change > 0, options.threshold)) {
    result.verdict = Verdict::kNoisy;
    result.reason = figures + ": significant and beyond +/-" + options.threshold_text +
                    ", but not in every repetition (base " + PerRepetitionText(result.base_repetitions) + ", new " +
                    PerRepetitionText(result.candidate_repetitions) + ")";
  } else if (significant && change > options.threshold) {
    result.verdict = Verdict::kRegressed;
    result.reason = figures + ": significant and above +" + options.threshold_text;
  } else if (significant && change < -options.threshold) {
    result.verdict = Verdict::kImproved;
    result.reason = figures + ": significant and below -" + options.threshold_text;
  } else if (!significant) {
    result.verdict = Verdict::kUnchanged;
    result.reason = figures + ": not significant (p >= " + Number(options.alpha) + ")";
  } else {
    result.verdict = Verdict::kUnchanged;
    result.reason = figures + ": significant but within +/-" + options.threshold_text;
  }
  return result;
}

MetricComparison CompareDeterministicMetric(const CompareMetric& metric, const MetricFigure& base,
                                            const MetricFigure& candidate, const CompareOptions& options) {
  MetricComparison result;
  result.metric = &metric;
  result.base = base.value;
  result.candidate = candidate.value;
  if (!base.value || !candidate.value) {
    result.verdict = Verdict::kNoisy;
    result.reason = !base.value ? "unknown in base: " + base.unknown_reason
                                : "unknown in new: " + candidate.unknown_reason;
    return result;
  }
  if (*base.value == 0) {
    result.verdict = *candidate.value == 0 ? Verdict::kUnchanged : Verdict::kRegressed;
    result.reason = *candidate.value == 0 ? "0 in both" : "grew from 0 to " + Number(*candidate.value);
    if (*candidate.value == 0) result.change = 0;
    return result;
  }
  const double change = *candidate.value / *base.value - 1;
  result.change = change;
  if (change > options.threshold) {
    result.verdict = Verdict::kRegressed;
    result.reason = "change " + Percent(change) + " above +" + options.threshold_text;
  } else if (change < -options.threshold) {
    result.verdict = Verdict::kImproved;
    result.reason = "change " + Percent(change) + " below -" + options.threshold_text;
  } else {
    result.verdict = Verdict::kUnchanged;
    result.reason = change == 0 ? "identical" : "change " + Percent(change) + " within +/-" + options.threshold_text;
  }
  return result;
}

}  // namespace edgebench
