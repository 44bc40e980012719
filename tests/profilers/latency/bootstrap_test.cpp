#include "profilers/latency/bootstrap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace edgebench {
namespace {

// A fixed, skewed, latency-like sample: a body near 1 ms and a tail.
std::vector<double> SkewedSample(int n, double scale, int phase) {
  std::vector<double> sample;
  for (int i = 0; i < n; ++i) {
    const double body = 1.0 + 0.05 * std::sin(0.7 * (i + phase)) + 0.02 * ((i * 37 + phase) % 11) / 11.0;
    sample.push_back(scale * (i % 50 == 0 ? 1.6 * body : body));
  }
  return sample;
}

TEST(BootstrapTest, StatisticsUseNearestRankPercentiles) {
  const std::vector<double> sample = {4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(SampleStatistic(sample, BootstrapStatistic::Percentile(50)), 2);  // rank ceil(0.5 * 4) = 2
  EXPECT_DOUBLE_EQ(SampleStatistic(sample, BootstrapStatistic::Percentile(90)), 4);  // rank ceil(3.6) = 4
  EXPECT_DOUBLE_EQ(SampleStatistic(sample, BootstrapStatistic::Percentile(0)), 1);
  EXPECT_DOUBLE_EQ(SampleStatistic(sample, BootstrapStatistic::Mean()), 2.5);
  EXPECT_TRUE(std::isnan(SampleStatistic({}, BootstrapStatistic::Mean())));
}

TEST(BootstrapTest, ConstantSamplesGiveAPointInterval) {
  const std::vector<double> base(100, 2.0);
  const std::vector<double> candidate(80, 2.2);
  auto interval = BootstrapRelativeChange(base, candidate, BootstrapStatistic::Percentile(90));
  ASSERT_TRUE(interval.ok()) << interval.status().ToString();
  EXPECT_NEAR(interval->estimate, 0.1, 1e-12);
  EXPECT_NEAR(interval->lower, 0.1, 1e-12);
  EXPECT_NEAR(interval->upper, 0.1, 1e-12);
  EXPECT_EQ(interval->resamples, 1000);
  EXPECT_EQ(interval->seed, 42u);
  EXPECT_DOUBLE_EQ(interval->confidence, 0.95);
}

TEST(BootstrapTest, SameSeedSameIntervalOtherSeedOtherInterval) {
  const std::vector<double> base = SkewedSample(500, 1.0, 0);
  const std::vector<double> candidate = SkewedSample(400, 1.03, 5);
  BootstrapOptions options;
  options.resamples = 300;
  auto first = BootstrapRelativeChange(base, candidate, BootstrapStatistic::Percentile(50), options);
  auto again = BootstrapRelativeChange(base, candidate, BootstrapStatistic::Percentile(50), options);
  options.seed = 7;
  auto other = BootstrapRelativeChange(base, candidate, BootstrapStatistic::Percentile(50), options);
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  EXPECT_EQ(first->lower, again->lower);
  EXPECT_EQ(first->upper, again->upper);
  EXPECT_TRUE(first->lower != other->lower || first->upper != other->upper);
  EXPECT_EQ(other->seed, 7u);
}

TEST(BootstrapTest, IntervalBracketsTheEstimateAndTheTrueShift) {
  const std::vector<double> base = SkewedSample(2000, 1.0, 0);
  const std::vector<double> candidate = SkewedSample(2000, 1.10, 3);
  for (BootstrapStatistic statistic :
       {BootstrapStatistic::Percentile(50), BootstrapStatistic::Percentile(90), BootstrapStatistic::Mean()}) {
    auto interval = BootstrapRelativeChange(base, candidate, statistic);
    ASSERT_TRUE(interval.ok());
    EXPECT_LE(interval->lower, interval->estimate);
    EXPECT_GE(interval->upper, interval->estimate);
    EXPECT_LT(interval->lower, 0.1 + 0.02);
    EXPECT_GT(interval->upper, 0.1 - 0.02);
    EXPECT_GT(interval->lower, 0.05);  // a 10% shift is far outside the noise of 2000 samples
  }
}

TEST(BootstrapTest, RejectsBadInput) {
  const std::vector<double> ok(10, 1.0);
  EXPECT_FALSE(BootstrapRelativeChange({}, ok, BootstrapStatistic::Mean()).ok());
  EXPECT_FALSE(BootstrapRelativeChange(ok, {1.0, -1.0}, BootstrapStatistic::Mean()).ok());
  EXPECT_FALSE(BootstrapRelativeChange(ok, {1.0, INFINITY}, BootstrapStatistic::Mean()).ok());
  auto zero = BootstrapRelativeChange(std::vector<double>(10, 0.0), ok, BootstrapStatistic::Mean());
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("base statistic is 0"), std::string::npos);
  BootstrapOptions options;
  options.resamples = 1;
  EXPECT_FALSE(BootstrapRelativeChange(ok, ok, BootstrapStatistic::Mean(), options).ok());
  options.resamples = 10;
  options.confidence = 1.0;
  EXPECT_FALSE(BootstrapRelativeChange(ok, ok, BootstrapStatistic::Mean(), options).ok());
  EXPECT_FALSE(BootstrapRelativeChange(ok, ok, BootstrapStatistic::Percentile(101)).ok());
}

}  // namespace
}  // namespace edgebench
