// Latency statistics from raw per-iteration samples (DESIGN.md, "Measurement
// rules"): nearest-rank percentiles, distribution-free confidence intervals
// for p50 and p90, and warnings about what makes the numbers untrustworthy.
// The caller keeps the raw samples; this module never writes JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// The level of the p50/p90 intervals in LatencyStats (latency_p50_ci95).
inline constexpr double kLatencyCiConfidence = 0.95;

// [X(lower_rank), X(upper_rank)] on the sorted samples, ranks 1-based.
struct ConfidenceInterval {
  double lower = 0;
  double upper = 0;
  int64_t lower_rank = 0;
  int64_t upper_rank = 0;
  double confidence = 0;  // the level asked for, e.g. 0.95
  double coverage = 0;    // exact binomial coverage of these ranks, >= confidence
};

struct LatencyStatsOptions {
  // Warn when stddev / mean is above this.
  double cv_warn_threshold = 0.05;
  // Warn below this many samples. At 100, p99 is no longer the max and both
  // intervals exist.
  int64_t min_samples = 100;
};

struct LatencyStats {
  int64_t count = 0;
  double mean = 0;
  double stddev = 0;  // sample (n - 1); NaN for a single sample
  double cv = 0;      // stddev / mean; NaN for a single sample, 0 when all samples are 0
  double min = 0;
  double max = 0;
  double p50 = 0;  // nearest rank, see NearestRankPercentile
  double p90 = 0;
  double p95 = 0;
  double p99 = 0;
  double p999 = 0;
  // Empty when there are too few samples for a 95% interval; `warnings` then
  // says why and how many samples it needs.
  std::optional<ConfidenceInterval> p50_ci95;
  std::optional<ConfidenceInterval> p90_ci95;
  std::vector<std::string> warnings;
};

// Computes everything above. Samples are in milliseconds, in any order.
// Errors: no samples, or a sample that is NaN, infinite or negative (the
// message names its index).
Expected<LatencyStats> ComputeLatencyStats(std::vector<double> samples_ms, const LatencyStatsOptions& options = {});

// Nearest-rank percentile (Hyndman & Fan 1996, definition 1): the sample at
// 1-based rank ceil(percent / 100 * n) of `sorted`, clamped to [1, n], so it
// is always an observed value. `percent` is in [0, 100]. Returns NaN when
// `sorted` is empty.
double NearestRankPercentile(const std::vector<double>& sorted, double percent);

// The 1-based rank NearestRankPercentile reads.
int64_t NearestRank(int64_t n, double percent);

// The rule behind the "too few samples" warning: a percentile p (as a
// fraction) needs at least 1/(1 - p) samples for its nearest rank to fall
// below n, i.e. to differ from the max: p99 needs 100, p99.9 needs 1000.
int64_t MinSamplesForPercentile(double percent);

// Distribution-free interval for the q-quantile (q a fraction in (0, 1)) from
// order statistics: the number of samples below the true quantile is
// binomial(n, q), so P(X(l) <= x_q <= X(u)) >= P(l <= B <= u - 1) for any
// distribution, ties included (Conover, Practical Nonparametric Statistics,
// 3rd ed., sec. 3.2; Hahn & Meeker, Statistical Intervals, sec. 5.2).
// The interval is equal-tailed: l is the largest rank with P(B <= l - 1) <=
// (1 - confidence) / 2 and u the smallest with P(B >= u) <= (1 - confidence)
// / 2. The binomial is evaluated exactly for every n (no normal
// approximation). Empty when those ranks fall outside [1, n] (see
// MinSamplesForQuantileCi), or when q, confidence or `sorted` are invalid.
std::optional<ConfidenceInterval> QuantileConfidenceInterval(const std::vector<double>& sorted, double q,
                                                             double confidence);

// The fewest samples for which QuantileConfidenceInterval has an answer: the
// smallest n with max(q, 1 - q)^n <= (1 - confidence) / 2. At 95%: 6 for the
// median, 36 for p90. Returns 0 for invalid q or confidence.
int64_t MinSamplesForQuantileCi(double q, double confidence);

}  // namespace edgebench
