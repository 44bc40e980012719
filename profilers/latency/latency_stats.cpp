#include "profilers/latency/latency_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace edgebench {
namespace {

// `percent / 100 * n` is often an integer in exact arithmetic but lands one
// ulp above it in doubles (e.g. 99.9% of 1000), which would push ceil() one
// rank too far. Samples never number near 1e12, so this margin moves nothing else.
constexpr double kRankSlack = 1e-12;

// Binomial weights below this, relative to the mode, are dropped: the mass
// they carry is far below anything a 0.95 or 0.99 tail can see.
constexpr double kNegligibleMass = 1e-30;

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.3g", value);
  return buffer;
}

// Binomial(n, q) probabilities of k = first, first + 1, ..., holding all but
// a negligible part of the mass.
struct BinomialMass {
  int64_t first = 0;
  std::vector<double> pmf;
};

// Walks out from the mode with the ratio of successive probabilities, so the
// weights start at 1 and only shrink: exact up to rounding, with no lgamma
// and no underflow where the mass is, whatever n.
BinomialMass ComputeBinomialMass(int64_t n, double q) {
  const int64_t mode = std::clamp<int64_t>(static_cast<int64_t>(std::floor((n + 1) * q)), 0, n);
  const double odds = q / (1 - q);
  std::vector<double> below;  // weights of mode - 1, mode - 2, ...
  double weight = 1;
  for (int64_t k = mode; k > 0 && weight > kNegligibleMass; --k) {
    weight *= static_cast<double>(k) / (static_cast<double>(n - k + 1) * odds);
    below.push_back(weight);
  }
  BinomialMass mass;
  mass.first = mode - static_cast<int64_t>(below.size());
  mass.pmf.assign(below.rbegin(), below.rend());
  mass.pmf.push_back(1);
  weight = 1;
  for (int64_t k = mode; k < n && weight > kNegligibleMass; ++k) {
    weight *= static_cast<double>(n - k) / static_cast<double>(k + 1) * odds;
    mass.pmf.push_back(weight);
  }
  double total = 0;
  for (double w : mass.pmf) total += w;
  for (double& w : mass.pmf) w /= total;
  return mass;
}

// One warning naming every reported percentile that still equals the max.
std::optional<std::string> UndersampledPercentilesWarning(int64_t n) {
  static constexpr struct {
    const char* name;
    double percent;
  } kReported[] = {{"p90", 90}, {"p95", 95}, {"p99", 99}, {"p99.9", 99.9}};
  std::string names;
  std::string needs;
  for (const auto& reported : kReported) {
    const int64_t need = MinSamplesForPercentile(reported.percent);
    if (n >= need) continue;
    names += (names.empty() ? "" : ", ") + std::string(reported.name);
    needs += (needs.empty() ? "" : ", ") + std::to_string(need);
  }
  if (names.empty()) return std::nullopt;
  return "too few samples for " + names + " (need " + needs + " for the nearest rank to fall below the max, " +
         "at least 1/(1-p); have " + std::to_string(n) + "): they equal the max";
}

std::string CiUnavailableWarning(const char* field, double q, int64_t n) {
  return std::string(field) + " unavailable: an equal-tailed " + FormatNumber(kLatencyCiConfidence * 100) +
         "% order-statistic interval for the " + FormatNumber(q) + " quantile needs at least " +
         std::to_string(MinSamplesForQuantileCi(q, kLatencyCiConfidence)) + " samples, have " + std::to_string(n);
}

}  // namespace

int64_t NearestRank(int64_t n, double percent) {
  const double exact = percent / 100 * static_cast<double>(n);
  const auto rank = static_cast<int64_t>(std::ceil(exact - exact * kRankSlack));
  return std::clamp<int64_t>(rank, 1, std::max<int64_t>(n, 1));
}

double NearestRankPercentile(const std::vector<double>& sorted, double percent) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  return sorted[static_cast<size_t>(NearestRank(static_cast<int64_t>(sorted.size()), percent) - 1)];
}

int64_t MinSamplesForPercentile(double percent) {
  if (!(percent < 100)) return std::numeric_limits<int64_t>::max();
  const double exact = 100 / (100 - percent);
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(exact - exact * kRankSlack)));
}

int64_t MinSamplesForQuantileCi(double q, double confidence) {
  if (!(q > 0 && q < 1 && confidence > 0 && confidence < 1)) return 0;
  // X(1) and X(n) are the widest interval; each tail outside it must hold at
  // most (1 - confidence) / 2: (1 - q)^n and q^n.
  const double tail = (1 - confidence) / 2;
  const double log_base = std::log(std::max(q, 1 - q));
  auto n = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(std::log(tail) / log_base)));
  // ceil() of a rounded ratio can be one off either way; settle it on the powers.
  while (n > 1 && (n - 1) * log_base <= std::log(tail)) --n;
  while (n * log_base > std::log(tail)) ++n;
  return n;
}

std::optional<ConfidenceInterval> QuantileConfidenceInterval(const std::vector<double>& sorted, double q,
                                                             double confidence) {
  const auto n = static_cast<int64_t>(sorted.size());
  const int64_t min_samples = MinSamplesForQuantileCi(q, confidence);
  if (min_samples == 0 || n < min_samples) return std::nullopt;

  const double tail = (1 - confidence) / 2;
  const BinomialMass mass = ComputeBinomialMass(n, q);
  const auto window = static_cast<int64_t>(mass.pmf.size());

  // Largest l with P(B <= l - 1) <= tail. Below the window P(B <= k) ~ 0.
  int64_t lower_rank = mass.first;
  double lower_tail = 0;
  for (int64_t i = 0; i < window; ++i) {
    if (lower_tail + mass.pmf[i] > tail) break;
    lower_tail += mass.pmf[i];
    lower_rank = mass.first + i + 1;
  }
  // Smallest u with P(B >= u) <= tail. Above the window P(B >= k) ~ 0.
  int64_t upper_rank = mass.first + window;
  double upper_tail = 0;
  for (int64_t i = window - 1; i >= 0; --i) {
    if (upper_tail + mass.pmf[i] > tail) break;
    upper_tail += mass.pmf[i];
    upper_rank = mass.first + i;
  }
  // MinSamplesForQuantileCi guarantees both; stay honest if rounding disagrees.
  if (lower_rank < 1 || upper_rank > n) return std::nullopt;

  ConfidenceInterval interval;
  interval.lower_rank = lower_rank;
  interval.upper_rank = upper_rank;
  interval.lower = sorted[static_cast<size_t>(lower_rank - 1)];
  interval.upper = sorted[static_cast<size_t>(upper_rank - 1)];
  interval.confidence = confidence;
  interval.coverage = 1 - lower_tail - upper_tail;
  return interval;
}

Expected<LatencyStats> ComputeLatencyStats(std::vector<double> samples_ms, const LatencyStatsOptions& options) {
  if (samples_ms.empty()) return InvalidArgument("latency samples: none given, need at least one");
  for (size_t i = 0; i < samples_ms.size(); ++i) {
    const double sample = samples_ms[i];
    if (!std::isfinite(sample) || sample < 0) {
      return InvalidArgument("latency sample " + std::to_string(i) + " is " + std::to_string(sample) +
                             " ms; samples must be finite and non-negative");
    }
  }
  std::sort(samples_ms.begin(), samples_ms.end());
  const std::vector<double>& sorted = samples_ms;
  const auto n = static_cast<int64_t>(sorted.size());

  LatencyStats stats;
  stats.count = n;
  stats.min = sorted.front();
  stats.max = sorted.back();

  // Two passes: the sum of squared deviations from the mean does not cancel
  // the way sum(x^2) - n * mean^2 does.
  double sum = 0;
  for (double sample : sorted) sum += sample;
  stats.mean = sum / static_cast<double>(n);
  if (n > 1) {
    double squares = 0;
    for (double sample : sorted) squares += (sample - stats.mean) * (sample - stats.mean);
    stats.stddev = std::sqrt(squares / static_cast<double>(n - 1));
    stats.cv = stats.mean > 0 ? stats.stddev / stats.mean : 0;
  } else {
    stats.stddev = std::numeric_limits<double>::quiet_NaN();
    stats.cv = std::numeric_limits<double>::quiet_NaN();
  }

  stats.p50 = NearestRankPercentile(sorted, 50);
  stats.p90 = NearestRankPercentile(sorted, 90);
  stats.p95 = NearestRankPercentile(sorted, 95);
  stats.p99 = NearestRankPercentile(sorted, 99);
  stats.p999 = NearestRankPercentile(sorted, 99.9);
  stats.p50_ci95 = QuantileConfidenceInterval(sorted, 0.5, kLatencyCiConfidence);
  stats.p90_ci95 = QuantileConfidenceInterval(sorted, 0.9, kLatencyCiConfidence);

  if (n < options.min_samples) {
    stats.warnings.push_back("fewer than " + std::to_string(options.min_samples) + " latency samples (have " +
                             std::to_string(n) + "): too few for stable statistics");
  }
  if (n == 1) stats.warnings.push_back("a single latency sample has no stddev or CV");
  if (stats.cv > options.cv_warn_threshold) {
    stats.warnings.push_back("latency CV " + FormatNumber(stats.cv) + " is above " +
                             FormatNumber(options.cv_warn_threshold) +
                             ": the run is noisy (check governor, throttling, other load)");
  }
  if (auto warning = UndersampledPercentilesWarning(n)) stats.warnings.push_back(*std::move(warning));
  if (!stats.p50_ci95) stats.warnings.push_back(CiUnavailableWarning("latency_p50_ci95", 0.5, n));
  if (!stats.p90_ci95) stats.warnings.push_back(CiUnavailableWarning("latency_p90_ci95", 0.9, n));
  return stats;
}

}  // namespace edgebench
