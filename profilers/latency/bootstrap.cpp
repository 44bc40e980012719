#include "profilers/latency/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "profilers/latency/latency_stats.h"
#include "runtime/core/splitmix64.h"

namespace edgebench {
namespace {

// Uniform in [0, bound) without modulo bias (Lemire, ACM TOMACS 2019), from
// SplitMix64, whose sequence is fully specified (unlike the std::
// distributions), so a seed gives the same resamples with every standard library.
uint64_t UniformBelow(SplitMix64& rng, uint64_t bound) {
  __uint128_t product = static_cast<__uint128_t>(rng.Next()) * bound;
  auto low = static_cast<uint64_t>(product);
  if (low < bound) {
    const uint64_t floor = (0 - bound) % bound;
    while (low < floor) {
      product = static_cast<__uint128_t>(rng.Next()) * bound;
      low = static_cast<uint64_t>(product);
    }
  }
  return static_cast<uint64_t>(product >> 64);
}

Status CheckSample(const std::vector<double>& sample, const char* name) {
  if (sample.empty()) return InvalidArgument(std::string("bootstrap: the ") + name + " sample is empty");
  for (size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample[i]) || sample[i] < 0) {
      return InvalidArgument(std::string("bootstrap: ") + name + " sample[" + std::to_string(i) +
                             "] must be finite and non-negative");
    }
  }
  return Status::Ok();
}

// The statistic of `values`, which it may reorder: nth_element puts the
// nearest-rank element in place in O(n), with no full sort.
double StatisticInPlace(std::vector<double>& values, BootstrapStatistic statistic) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (statistic.kind == BootstrapStatistic::Kind::kMean) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
  }
  const int64_t rank = NearestRank(static_cast<int64_t>(values.size()), statistic.percent);
  const auto nth = values.begin() + (rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

void Resample(const std::vector<double>& from, SplitMix64& rng, std::vector<double>& into) {
  into.resize(from.size());
  for (double& v : into) v = from[UniformBelow(rng, from.size())];
}

double RelativeChange(double base, double candidate) {
  if (base == 0) return candidate == 0 ? 0 : std::numeric_limits<double>::infinity();
  return candidate / base - 1;
}

}  // namespace

double SampleStatistic(const std::vector<double>& sample, BootstrapStatistic statistic) {
  std::vector<double> copy = sample;
  return StatisticInPlace(copy, statistic);
}

Expected<RelativeChangeInterval> BootstrapRelativeChange(const std::vector<double>& base,
                                                         const std::vector<double>& candidate,
                                                         BootstrapStatistic statistic,
                                                         const BootstrapOptions& options) {
  EB_RETURN_IF_ERROR(CheckSample(base, "base"));
  EB_RETURN_IF_ERROR(CheckSample(candidate, "new"));
  if (options.resamples < 2) return InvalidArgument("bootstrap: need at least 2 resamples");
  if (!(options.confidence > 0 && options.confidence < 1)) {
    return InvalidArgument("bootstrap: confidence must be in (0, 1)");
  }
  if (statistic.kind == BootstrapStatistic::Kind::kPercentile &&
      !(statistic.percent >= 0 && statistic.percent <= 100)) {
    return InvalidArgument("bootstrap: percentile must be in [0, 100]");
  }
  const double base_statistic = SampleStatistic(base, statistic);
  if (base_statistic == 0) {
    return InvalidArgument("bootstrap: the base statistic is 0, so a relative change does not exist");
  }

  RelativeChangeInterval interval;
  interval.estimate = SampleStatistic(candidate, statistic) / base_statistic - 1;
  interval.resamples = options.resamples;
  interval.seed = options.seed;
  interval.confidence = options.confidence;

  SplitMix64 rng(options.seed);
  std::vector<double> base_buffer;
  std::vector<double> candidate_buffer;
  std::vector<double> changes;
  changes.reserve(static_cast<size_t>(options.resamples));
  for (int64_t b = 0; b < options.resamples; ++b) {
    Resample(base, rng, base_buffer);
    Resample(candidate, rng, candidate_buffer);
    changes.push_back(RelativeChange(StatisticInPlace(base_buffer, statistic),
                                     StatisticInPlace(candidate_buffer, statistic)));
  }
  std::sort(changes.begin(), changes.end());
  const double tail_percent = (1 - options.confidence) / 2 * 100;
  interval.lower = NearestRankPercentile(changes, tail_percent);
  interval.upper = NearestRankPercentile(changes, 100 - tail_percent);
  return interval;
}

}  // namespace edgebench
