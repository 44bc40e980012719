#include "profilers/latency/latency_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/splitmix64.h"

namespace edgebench {
namespace {

// Uniform on (0, 1) from splitmix64: 53 random bits, offset by half a step so
// neither end occurs. Inverse-CDF draws keep the samples the same on every
// standard library, unlike std::*_distribution.
double NextUniform(SplitMix64& rng) { return (static_cast<double>(rng.Next() >> 11) + 0.5) * 0x1.0p-53; }

// Inverse CDF of exponential(rate): F^-1(u) = -ln(1 - u) / rate.
double ExponentialQuantile(double u, double rate) { return -std::log1p(-u) / rate; }

std::vector<double> DrawExponential(SplitMix64& rng, int n, double rate) {
  std::vector<double> samples(static_cast<size_t>(n));
  for (double& sample : samples) sample = ExponentialQuantile(NextUniform(rng), rate);
  return samples;
}

std::vector<double> DrawUniform(SplitMix64& rng, int n, double low, double high) {
  std::vector<double> samples(static_cast<size_t>(n));
  for (double& sample : samples) sample = low + (high - low) * NextUniform(rng);
  return samples;
}

std::vector<double> OneTo(int n) {
  std::vector<double> samples(static_cast<size_t>(n));
  std::iota(samples.begin(), samples.end(), 1.0);
  return samples;
}

// Asymptotic standard error of the sample q-quantile: sqrt(q(1-q)/n) / f(x_q).
double QuantileStandardError(double q, int n, double density) { return std::sqrt(q * (1 - q) / n) / density; }

bool HasWarning(const LatencyStats& stats, const std::string& part) {
  return std::any_of(stats.warnings.begin(), stats.warnings.end(),
                     [&](const std::string& warning) { return warning.find(part) != std::string::npos; });
}

std::string JoinWarnings(const LatencyStats& stats) {
  std::string joined;
  for (const std::string& warning : stats.warnings) joined += warning + "\n";
  return joined;
}

TEST(LatencyStatsTest, OneToTenByHand) {
  auto stats = ComputeLatencyStats(OneTo(10));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->count, 10);
  EXPECT_DOUBLE_EQ(stats->mean, 5.5);
  EXPECT_NEAR(stats->stddev, std::sqrt(82.5 / 9), 1e-12);  // sum of (x - 5.5)^2 is 82.5
  EXPECT_NEAR(stats->cv, std::sqrt(82.5 / 9) / 5.5, 1e-12);
  EXPECT_EQ(stats->min, 1);
  EXPECT_EQ(stats->max, 10);
  EXPECT_EQ(stats->p50, 5);   // rank ceil(5) = 5
  EXPECT_EQ(stats->p90, 9);   // rank ceil(9) = 9
  EXPECT_EQ(stats->p95, 10);  // rank ceil(9.5) = 10
  EXPECT_EQ(stats->p99, 10);
  EXPECT_EQ(stats->p999, 10);
  // Median at n = 10: ranks 2 and 9, coverage 1 - 2 * 11/1024.
  ASSERT_TRUE(stats->p50_ci95.has_value());
  EXPECT_EQ(stats->p50_ci95->lower_rank, 2);
  EXPECT_EQ(stats->p50_ci95->upper_rank, 9);
  EXPECT_EQ(stats->p50_ci95->lower, 2);
  EXPECT_EQ(stats->p50_ci95->upper, 9);
  EXPECT_NEAR(stats->p50_ci95->coverage, 1 - 22.0 / 1024, 1e-12);
  EXPECT_EQ(stats->p50_ci95->confidence, 0.95);
  EXPECT_FALSE(stats->p90_ci95.has_value());
}

TEST(LatencyStatsTest, OneToHundredByHand) {
  auto stats = ComputeLatencyStats(OneTo(100));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_DOUBLE_EQ(stats->mean, 50.5);
  EXPECT_NEAR(stats->stddev, std::sqrt(100.0 * 101 / 12), 1e-12);  // variance of 1..n is n(n+1)/12
  EXPECT_EQ(stats->p50, 50);
  EXPECT_EQ(stats->p90, 90);
  EXPECT_EQ(stats->p95, 95);
  EXPECT_EQ(stats->p99, 99);
  EXPECT_EQ(stats->p999, 100);  // rank ceil(99.9) = 100
  // The classic (X(40), X(61)) median interval at n = 100; the coverages were
  // summed exactly in rational arithmetic.
  ASSERT_TRUE(stats->p50_ci95.has_value());
  EXPECT_EQ(stats->p50_ci95->lower_rank, 40);
  EXPECT_EQ(stats->p50_ci95->upper_rank, 61);
  EXPECT_NEAR(stats->p50_ci95->coverage, 0.9647997997822951, 1e-12);
  ASSERT_TRUE(stats->p90_ci95.has_value());
  EXPECT_EQ(stats->p90_ci95->lower_rank, 84);
  EXPECT_EQ(stats->p90_ci95->upper_rank, 96);
  EXPECT_NEAR(stats->p90_ci95->coverage, 0.955690107191223, 1e-12);
}

TEST(LatencyStatsTest, DuplicatesByHand) {
  auto stats = ComputeLatencyStats({2, 2, 2, 5, 5, 7, 7, 7, 7, 9});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_DOUBLE_EQ(stats->mean, 5.3);
  EXPECT_EQ(stats->p50, 5);  // rank 5
  EXPECT_EQ(stats->p90, 7);  // rank 9
  EXPECT_EQ(stats->p95, 9);  // rank 10
  EXPECT_EQ(stats->min, 2);
  ASSERT_TRUE(stats->p50_ci95.has_value());
  EXPECT_EQ(stats->p50_ci95->lower, 2);  // ranks 2 and 9
  EXPECT_EQ(stats->p50_ci95->upper, 7);
}

TEST(LatencyStatsTest, SingleSample) {
  auto stats = ComputeLatencyStats({3.5});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->count, 1);
  EXPECT_EQ(stats->mean, 3.5);
  EXPECT_TRUE(std::isnan(stats->stddev));
  EXPECT_TRUE(std::isnan(stats->cv));
  for (double value : {stats->min, stats->max, stats->p50, stats->p90, stats->p99, stats->p999}) {
    EXPECT_EQ(value, 3.5);
  }
  EXPECT_FALSE(stats->p50_ci95.has_value());
  EXPECT_FALSE(stats->p90_ci95.has_value());
  EXPECT_TRUE(HasWarning(*stats, "no stddev")) << JoinWarnings(*stats);
  EXPECT_TRUE(HasWarning(*stats, "latency_p50_ci95 unavailable")) << JoinWarnings(*stats);
  EXPECT_TRUE(HasWarning(*stats, "needs at least 6 samples, have 1")) << JoinWarnings(*stats);
}

TEST(LatencyStatsTest, OrderOfInputDoesNotMatter) {
  auto sorted = ComputeLatencyStats(OneTo(10));
  auto shuffled = ComputeLatencyStats({7, 3, 10, 1, 9, 2, 8, 5, 4, 6});
  ASSERT_TRUE(sorted.ok() && shuffled.ok());
  EXPECT_EQ(shuffled->p50, sorted->p50);
  EXPECT_EQ(shuffled->p90, sorted->p90);
  EXPECT_EQ(shuffled->min, 1);
  EXPECT_EQ(shuffled->max, 10);
  EXPECT_DOUBLE_EQ(shuffled->mean, sorted->mean);
  EXPECT_DOUBLE_EQ(shuffled->stddev, sorted->stddev);
  ASSERT_TRUE(shuffled->p50_ci95.has_value());
  EXPECT_EQ(shuffled->p50_ci95->lower, 2);
  EXPECT_EQ(shuffled->p50_ci95->upper, 9);
}

TEST(LatencyPercentileTest, NearestRankEdges) {
  EXPECT_EQ(NearestRank(10, 0), 1);
  EXPECT_EQ(NearestRank(10, 100), 10);
  EXPECT_EQ(NearestRank(1000, 99.9), 999);  // 99.9 / 100 * 1000 lands an ulp above 999
  EXPECT_EQ(NearestRank(1001, 99.9), 1000);
  EXPECT_EQ(NearestRank(3, 50), 2);
  EXPECT_TRUE(std::isnan(NearestRankPercentile({}, 50)));
}

// MinSamplesForPercentile is the smallest n whose nearest rank is below n.
TEST(LatencyPercentileTest, MinSamplesRuleMatchesRanks) {
  EXPECT_EQ(MinSamplesForPercentile(50), 2);
  EXPECT_EQ(MinSamplesForPercentile(90), 10);
  EXPECT_EQ(MinSamplesForPercentile(95), 20);
  EXPECT_EQ(MinSamplesForPercentile(99), 100);
  EXPECT_EQ(MinSamplesForPercentile(99.9), 1000);
  for (double percent : {50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.99}) {
    const int64_t need = MinSamplesForPercentile(percent);
    EXPECT_LT(NearestRank(need, percent), need) << percent;
    EXPECT_EQ(NearestRank(need - 1, percent), need - 1) << percent;
  }
}

TEST(LatencyCiTest, SmallestSampleCounts) {
  EXPECT_EQ(MinSamplesForQuantileCi(0.5, 0.95), 6);   // 0.5^6 <= 0.025 < 0.5^5
  EXPECT_EQ(MinSamplesForQuantileCi(0.9, 0.95), 36);  // 0.9^36 <= 0.025 < 0.9^35
  EXPECT_EQ(MinSamplesForQuantileCi(0.0, 0.95), 0);
  EXPECT_EQ(MinSamplesForQuantileCi(0.5, 1.0), 0);

  EXPECT_FALSE(QuantileConfidenceInterval(OneTo(5), 0.5, 0.95).has_value());
  auto median6 = QuantileConfidenceInterval(OneTo(6), 0.5, 0.95);
  ASSERT_TRUE(median6.has_value());
  EXPECT_EQ(median6->lower_rank, 1);
  EXPECT_EQ(median6->upper_rank, 6);
  EXPECT_NEAR(median6->coverage, 1 - 2.0 / 64, 1e-12);

  EXPECT_FALSE(QuantileConfidenceInterval(OneTo(35), 0.9, 0.95).has_value());
  auto p90_36 = QuantileConfidenceInterval(OneTo(36), 0.9, 0.95);
  ASSERT_TRUE(p90_36.has_value());
  EXPECT_EQ(p90_36->lower_rank, 29);
  EXPECT_EQ(p90_36->upper_rank, 36);
  EXPECT_NEAR(p90_36->coverage, 0.9539621052026521, 1e-12);
}

TEST(LatencyCiTest, LargeSampleCounts) {
  // Exact values from rational arithmetic.
  auto p90 = QuantileConfidenceInterval(OneTo(1000), 0.9, 0.95);
  ASSERT_TRUE(p90.has_value());
  EXPECT_EQ(p90->lower_rank, 881);
  EXPECT_EQ(p90->upper_rank, 919);
  EXPECT_NEAR(p90->coverage, 0.9549071811148258, 1e-9);

  // At a million samples the exact ranks sit on the normal approximation
  // n q -+ 1.96 sqrt(n q (1 - q)) to within a rank or two.
  const int n = 1000000;
  auto median = QuantileConfidenceInterval(OneTo(n), 0.5, 0.95);
  ASSERT_TRUE(median.has_value());
  const double half_width = 1.959964 * std::sqrt(n * 0.25);
  EXPECT_NEAR(static_cast<double>(median->lower_rank), n * 0.5 - half_width, 2);
  EXPECT_NEAR(static_cast<double>(median->upper_rank), n * 0.5 + half_width + 1, 2);
  EXPECT_GE(median->coverage, 0.95);
  EXPECT_LT(median->coverage, 0.951);
}

TEST(LatencyStatsTest, ExponentialQuantiles) {
  const int n = 100000;
  const double rate = 2;
  SplitMix64 rng(0x5eed0001);
  auto stats = ComputeLatencyStats(DrawExponential(rng, n, rate));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  // Exact quantile -ln(1 - q) / rate, density rate * (1 - q); 5 standard errors.
  for (auto [q, value] :
       std::vector<std::pair<double, double>>{{0.5, stats->p50}, {0.9, stats->p90}, {0.99, stats->p99}}) {
    const double exact = ExponentialQuantile(q, rate);
    EXPECT_NEAR(value, exact, 5 * QuantileStandardError(q, n, rate * (1 - q))) << q;
  }
  EXPECT_NEAR(stats->mean, 1 / rate, 5 / rate / std::sqrt(n));
  EXPECT_NEAR(stats->cv, 1, 0.02);
  ASSERT_TRUE(stats->p50_ci95.has_value());
  EXPECT_LE(stats->p50_ci95->lower, ExponentialQuantile(0.5, rate));
  EXPECT_GE(stats->p50_ci95->upper, ExponentialQuantile(0.5, rate));
  EXPECT_TRUE(HasWarning(*stats, "latency CV ")) << JoinWarnings(*stats);
}

TEST(LatencyStatsTest, UniformQuantiles) {
  const int n = 100000;
  const double low = 10;
  const double high = 14;
  SplitMix64 rng(0x5eed0002);
  auto stats = ComputeLatencyStats(DrawUniform(rng, n, low, high));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  for (auto [q, value] :
       std::vector<std::pair<double, double>>{{0.5, stats->p50}, {0.9, stats->p90}, {0.99, stats->p99}}) {
    const double exact = low + q * (high - low);
    EXPECT_NEAR(value, exact, 5 * QuantileStandardError(q, n, 1 / (high - low))) << q;
  }
  EXPECT_NEAR(stats->stddev, (high - low) / std::sqrt(12.0), 0.01);
  ASSERT_TRUE(stats->p90_ci95.has_value());
  EXPECT_LE(stats->p90_ci95->lower, low + 0.9 * (high - low));
  EXPECT_GE(stats->p90_ci95->upper, low + 0.9 * (high - low));
}

// The intervals are conservative: exact coverage at n = 200 is 0.960 for the
// median and 0.967 for p90, so 95-97% of trials contain the true quantile.
TEST(LatencyCiTest, EmpiricalCoverageOnUniform) {
  const int trials = 400;
  const int n = 200;
  SplitMix64 rng(0x5eed0003);
  int median_hits = 0;
  int p90_hits = 0;
  for (int trial = 0; trial < trials; ++trial) {
    std::vector<double> samples = DrawUniform(rng, n, 0, 1);
    std::sort(samples.begin(), samples.end());
    auto median = QuantileConfidenceInterval(samples, 0.5, 0.95);
    auto p90 = QuantileConfidenceInterval(samples, 0.9, 0.95);
    ASSERT_TRUE(median.has_value() && p90.has_value());
    median_hits += median->lower <= 0.5 && 0.5 <= median->upper;
    p90_hits += p90->lower <= 0.9 && 0.9 <= p90->upper;
  }
  EXPECT_GE(median_hits, 0.92 * trials);
  EXPECT_LE(median_hits, 0.99 * trials);
  EXPECT_GE(p90_hits, 0.92 * trials);
  EXPECT_LE(p90_hits, 0.99 * trials);
}

TEST(LatencyStatsTest, CleanDataHasNoWarnings) {
  SplitMix64 rng(0x5eed0004);
  auto stats = ComputeLatencyStats(DrawUniform(rng, 1000, 10, 10.1));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_TRUE(stats->warnings.empty()) << JoinWarnings(*stats);
}

TEST(LatencyStatsTest, HighCvWarns) {
  std::vector<double> samples;
  for (int i = 0; i < 1000; ++i) samples.push_back(i % 2 == 0 ? 1.0 : 3.0);  // cv = 0.50025
  auto stats = ComputeLatencyStats(samples);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_TRUE(HasWarning(*stats, "latency CV 0.5 is above 0.05")) << JoinWarnings(*stats);
  EXPECT_EQ(stats->warnings.size(), 1u) << JoinWarnings(*stats);

  LatencyStatsOptions lenient;
  lenient.cv_warn_threshold = 0.6;
  auto lenient_stats = ComputeLatencyStats(samples, lenient);
  ASSERT_TRUE(lenient_stats.ok());
  EXPECT_TRUE(lenient_stats->warnings.empty()) << JoinWarnings(*lenient_stats);
}

TEST(LatencyStatsTest, FewSamplesWarn) {
  SplitMix64 rng(0x5eed0005);
  auto stats = ComputeLatencyStats(DrawUniform(rng, 20, 10, 10.1));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_TRUE(HasWarning(*stats, "fewer than 100 latency samples (have 20)")) << JoinWarnings(*stats);
  EXPECT_TRUE(HasWarning(*stats, "too few samples for p99, p99.9 (need 100, 1000")) << JoinWarnings(*stats);
  EXPECT_TRUE(HasWarning(*stats, "latency_p90_ci95 unavailable")) << JoinWarnings(*stats);
  EXPECT_TRUE(HasWarning(*stats, "needs at least 36 samples, have 20")) << JoinWarnings(*stats);
  EXPECT_TRUE(stats->p50_ci95.has_value());
  EXPECT_FALSE(HasWarning(*stats, "CV")) << JoinWarnings(*stats);

  // p99.9 alone at 100..999 samples.
  auto hundred = ComputeLatencyStats(DrawUniform(rng, 100, 10, 10.1));
  ASSERT_TRUE(hundred.ok());
  ASSERT_EQ(hundred->warnings.size(), 1u) << JoinWarnings(*hundred);
  EXPECT_TRUE(HasWarning(*hundred, "too few samples for p99.9 (need 1000")) << JoinWarnings(*hundred);
}

TEST(LatencyStatsTest, RejectsEmptyAndNonFiniteInput) {
  auto empty = ComputeLatencyStats({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidArgument);

  auto with_nan = ComputeLatencyStats({1.0, 2.0, std::numeric_limits<double>::quiet_NaN(), 4.0});
  ASSERT_FALSE(with_nan.ok());
  EXPECT_EQ(with_nan.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(with_nan.status().message().find("sample 2"), std::string::npos) << with_nan.status().message();

  EXPECT_FALSE(ComputeLatencyStats({1.0, std::numeric_limits<double>::infinity()}).ok());
  EXPECT_FALSE(ComputeLatencyStats({1.0, -0.5}).ok());
}

}  // namespace
}  // namespace edgebench
