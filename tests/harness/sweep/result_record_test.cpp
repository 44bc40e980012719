// The latency block of a result: statistics over every sample, at most 10000
// of them stored.
#include "harness/sweep/result_record.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

nlohmann::json Repetition(size_t n, double offset) {
  std::vector<double> samples(n);
  for (size_t i = 0; i < n; ++i) samples[i] = offset + static_cast<double>(i % 100) * 1e-3;
  return {{"samples_ms", samples}, {"wall_ms", 1.0}};
}

TEST(LatencyJsonTest, FewSamplesAreAllStored) {
  std::vector<std::string> warnings;
  auto latency = LatencyJson(nlohmann::json::array({Repetition(300, 1.0), Repetition(300, 1.0)}), &warnings);
  ASSERT_TRUE(latency.ok()) << latency.status().ToString();
  EXPECT_EQ((*latency)["count"], 600);
  EXPECT_EQ((*latency)["samples_stride"], 1);
  EXPECT_EQ((*latency)["samples"].size(), 600u);
}

TEST(LatencyJsonTest, ManySamplesKeepEveryKthInRunOrderAndStatisticsUseAll) {
  std::vector<std::string> warnings;
  // 25000 samples: stride 3 keeps 8334, the first from each repetition's span.
  auto latency = LatencyJson(nlohmann::json::array({Repetition(12500, 1.0), Repetition(12500, 2.0)}), &warnings);
  ASSERT_TRUE(latency.ok()) << latency.status().ToString();
  EXPECT_EQ((*latency)["count"], 25000);
  EXPECT_EQ((*latency)["samples_stride"], 3);
  ASSERT_EQ((*latency)["samples"].size(), 8334u);
  EXPECT_DOUBLE_EQ((*latency)["samples"][0].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ((*latency)["samples"][8333].get<double>(), 2.0 + (24999 % 12500 % 100) * 1e-3);
  EXPECT_DOUBLE_EQ((*latency)["min"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ((*latency)["max"].get<double>(), 2.099);
  EXPECT_NEAR((*latency)["mean"].get<double>(), 1.5 + 0.0495, 1e-9);
}

}  // namespace
}  // namespace edgebench
