#include "profilers/latency/mann_whitney.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace edgebench {
namespace {

// Reference values: scipy 1.10.1,
// scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method=...), whose
// `statistic` is U of x.

TEST(MannWhitneyTest, SmallSamplesWithoutTiesUseTheExactDistribution) {
  const std::vector<double> x = {1.1, 2.3, 3.5, 4.2, 5.9, 6.1, 7.4};
  const std::vector<double> y = {2.0, 3.9, 8.1, 9.3, 10.6, 11.2};
  auto result = MannWhitneyU(x, y);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->method, MannWhitneyMethod::kExact);
  EXPECT_FALSE(result->ties);
  EXPECT_DOUBLE_EQ(result->u_x, 10.0);
  // method='exact': 0.13752913752913754 (= 118 / 858).
  EXPECT_NEAR(result->p_value, 0.13752913752913754, 1e-12);
  EXPECT_NEAR(result->common_language, 10.0 / 42, 1e-12);
  EXPECT_NEAR(result->rank_biserial, 2 * 10.0 / 42 - 1, 1e-12);
  EXPECT_LT(result->z, 0);  // x tends to be smaller
}

TEST(MannWhitneyTest, ExactAtTheLargestExactSize) {
  std::vector<double> x;
  std::vector<double> y;
  for (int i = 0; i < 20; ++i) {
    x.push_back(0.5 + 0.01 * i);
    y.push_back(0.55 + 0.01 * i + 0.0005);
  }
  auto result = MannWhitneyU(x, y);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->method, MannWhitneyMethod::kExact);
  EXPECT_DOUBLE_EQ(result->u_x, 105.0);
  EXPECT_NEAR(result->p_value, 0.009483607191205003, 1e-12);  // method='exact'

  y.resize(15);
  result = MannWhitneyU(x, y);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->method, MannWhitneyMethod::kExact);
  EXPECT_DOUBLE_EQ(result->u_x, 105.0);
  EXPECT_NEAR(result->p_value, 0.13944577219756515, 1e-12);  // method='exact'
}

TEST(MannWhitneyTest, TiesUseTheTieCorrectedNormalApproximation) {
  const std::vector<double> x = {1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 15};
  const std::vector<double> y = {3,  4,  4,  5,  6,  6,  7,  8,  9,  9,  10, 11, 12,
                                 13, 13, 14, 16, 17, 18, 18, 19, 20, 21, 22, 22};
  auto result = MannWhitneyU(x, y);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->method, MannWhitneyMethod::kAsymptotic);
  EXPECT_TRUE(result->ties);
  EXPECT_DOUBLE_EQ(result->u_x, 162.0);
  EXPECT_NEAR(result->p_value, 0.009784740821567222, 1e-12);  // method='asymptotic'
}

TEST(MannWhitneyTest, SmallSampleWithTiesFallsBackToTheNormalApproximation) {
  const std::vector<double> x = {1, 2, 3};
  const std::vector<double> y = {3, 4, 5};
  auto result = MannWhitneyU(x, y);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->ties);
  EXPECT_EQ(result->method, MannWhitneyMethod::kAsymptotic);
  EXPECT_DOUBLE_EQ(result->u_x, 0.5);
}

TEST(MannWhitneyTest, EqualSamplesGiveNoEvidence) {
  const std::vector<double> x = {1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 15};
  auto result = MannWhitneyU(x, x);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->u_x, 264.5);  // scipy: 264.5
  EXPECT_DOUBLE_EQ(result->p_value, 1.0);  // scipy: 1.0
  EXPECT_DOUBLE_EQ(result->z, 0.0);
  EXPECT_DOUBLE_EQ(result->common_language, 0.5);
}

TEST(MannWhitneyTest, AllValuesEqualGiveNoEvidence) {
  const std::vector<double> x(30, 2.5);
  auto result = MannWhitneyU(x, x);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->p_value, 1.0);
  EXPECT_DOUBLE_EQ(result->z, 0.0);
}

TEST(MannWhitneyTest, FullySeparatedSamples) {
  auto exact = MannWhitneyU({1, 2, 3}, {4, 5, 6, 7});
  ASSERT_TRUE(exact.ok());
  EXPECT_DOUBLE_EQ(exact->u_x, 0.0);
  EXPECT_NEAR(exact->p_value, 0.05714285714285714, 1e-12);  // method='exact' (= 2 / 35)
  EXPECT_DOUBLE_EQ(exact->common_language, 0.0);
  EXPECT_DOUBLE_EQ(exact->rank_biserial, -1.0);

  std::vector<double> low;
  std::vector<double> high;
  for (int i = 0; i < 20; ++i) {
    low.push_back(i);
    high.push_back(100 + i);
  }
  exact = MannWhitneyU(low, high);
  ASSERT_TRUE(exact.ok());
  EXPECT_NEAR(exact->p_value / 1.4508889103849684e-11, 1.0, 1e-9);  // method='exact'

  // Swapping the samples mirrors U and z and keeps p.
  auto swapped = MannWhitneyU(high, low);
  ASSERT_TRUE(swapped.ok());
  EXPECT_DOUBLE_EQ(swapped->u_x, 400.0);
  EXPECT_DOUBLE_EQ(swapped->p_value, exact->p_value);
  EXPECT_DOUBLE_EQ(swapped->z, -exact->z);

  low.clear();
  high.clear();
  for (int i = 0; i < 30; ++i) {
    low.push_back(i);
    high.push_back(100 + i);
  }
  auto asymptotic = MannWhitneyU(low, high);
  ASSERT_TRUE(asymptotic.ok());
  EXPECT_EQ(asymptotic->method, MannWhitneyMethod::kAsymptotic);
  EXPECT_NEAR(asymptotic->p_value / 3.019859359162157e-11, 1.0, 1e-9);  // method='asymptotic'
}

TEST(MannWhitneyTest, TinySamples) {
  auto result = MannWhitneyU({1.0}, {2.0});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->method, MannWhitneyMethod::kExact);
  EXPECT_DOUBLE_EQ(result->u_x, 0.0);
  EXPECT_DOUBLE_EQ(result->p_value, 1.0);  // method='exact': 1.0
}

TEST(MannWhitneyTest, RejectsEmptyAndNonFiniteSamples) {
  auto empty = MannWhitneyU({}, {1.0});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("sample x is empty"), std::string::npos);
  auto nan = MannWhitneyU({1.0}, {2.0, std::nan("")});
  ASSERT_FALSE(nan.ok());
  EXPECT_NE(nan.status().message().find("y[1]"), std::string::npos);
}

}  // namespace
}  // namespace edgebench
