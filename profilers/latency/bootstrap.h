// A seeded percentile bootstrap of the relative change of a latency statistic
// between two runs: how sure is "p50 went up 3%"? Each run's samples are
// resampled independently (with replacement, same size), the statistic is
// taken on both resamples, and the change stat(new) / stat(base) - 1 is
// collected; the interval is the central `confidence` part of those changes
// (Efron & Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13).
// The same seed gives the same interval on every machine.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// The statistic whose change is bootstrapped.
struct BootstrapStatistic {
  enum class Kind { kPercentile, kMean };
  Kind kind = Kind::kPercentile;
  // For kPercentile, in [0, 100]: nearest rank, as NearestRankPercentile
  // (latency_stats.h), so p50 here is the p50 of results.json.
  double percent = 50;

  static BootstrapStatistic Percentile(double percent) { return {Kind::kPercentile, percent}; }
  static BootstrapStatistic Mean() { return {Kind::kMean, 0}; }
};

struct BootstrapOptions {
  int64_t resamples = 1000;
  uint64_t seed = 42;
  double confidence = 0.95;
};

struct RelativeChangeInterval {
  double estimate = 0;  // stat(new) / stat(base) - 1 on the samples as given
  double lower = 0;     // nearest-rank (1 - confidence) / 2 percentile of the resampled changes
  double upper = 0;     // nearest-rank (1 + confidence) / 2 percentile
  // The options it was computed with, so that a report can say so.
  int64_t resamples = 0;
  uint64_t seed = 0;
  double confidence = 0;
};

// The statistic of `sample` (nearest-rank percentile or mean); NaN when empty.
double SampleStatistic(const std::vector<double>& sample, BootstrapStatistic statistic);

// Errors: an empty sample, a value that is not finite or is negative, a base
// statistic of 0 (no relative change exists; the message says so), fewer than
// 2 resamples, a confidence outside (0, 1), a percent outside [0, 100].
// A resample whose base statistic is 0 counts as an infinite change.
// Cost: O(resamples * (n_base + n_new)); one pair of buffers is reused.
Expected<RelativeChangeInterval> BootstrapRelativeChange(const std::vector<double>& base,
                                                         const std::vector<double>& candidate,
                                                         BootstrapStatistic statistic,
                                                         const BootstrapOptions& options = {});

}  // namespace edgebench
