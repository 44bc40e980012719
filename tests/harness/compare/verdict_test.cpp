// The verdict rules of one latency metric on synthetic samples: regressed
// only when significant and beyond the threshold, noisy when the samples or
// the repetitions cannot tell.
#include "harness/compare/verdict.h"

#include <gtest/gtest.h>

#include <random>

namespace edgebench {
namespace {

const CompareMetric& P50() { return *ParseMetricList("p50").value()[0]; }

// `repetitions` runs of `per_repetition` samples around `center` (1% jitter),
// repetition k scaled by factors[k].
LatencySamples MakeRun(double center, const std::vector<double>& factors, size_t per_repetition, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(0.99, 1.01);
  std::vector<double> values;
  std::vector<size_t> starts;
  for (double factor : factors) {
    starts.push_back(values.size());
    for (size_t i = 0; i < per_repetition; ++i) values.push_back(center * factor * jitter(rng));
  }
  return MakeLatencySamples(std::move(values), std::move(starts));
}

double P50Of(const LatencySamples& s) { return SampleStatistic(s.values, BootstrapStatistic::Percentile(50)); }

MetricComparison Compare(const LatencySamples& base, const LatencySamples& candidate, CompareOptions options = {}) {
  return CompareLatencyMetric(P50(), P50Of(base), P50Of(candidate), base, candidate, options);
}

TEST(VerdictTest, AUniformSlowdownBeyondTheThresholdRegresses) {
  const LatencySamples base = MakeRun(1.0, {1, 1, 1}, 300, 1);
  const LatencySamples slower = MakeRun(1.1, {1, 1, 1}, 300, 2);
  const MetricComparison m = Compare(base, slower);
  EXPECT_EQ(m.verdict, Verdict::kRegressed) << m.reason;
  EXPECT_NEAR(*m.change, 0.10, 0.01);
  EXPECT_EQ(m.base_repetitions.size(), 3u);
  EXPECT_EQ(m.candidate_repetitions.size(), 3u);
  EXPECT_EQ(Compare(slower, base).verdict, Verdict::kImproved);
}

TEST(VerdictTest, SignificantButWithinTheThresholdIsUnchanged) {
  const MetricComparison m = Compare(MakeRun(1.0, {1, 1, 1}, 300, 1), MakeRun(1.02, {1, 1, 1}, 300, 2));
  EXPECT_LT(m.test->p_value, 0.05);
  EXPECT_EQ(m.verdict, Verdict::kUnchanged) << m.reason;
}

TEST(VerdictTest, AChangeNotEveryRepetitionShowsIsNoisy) {
  // Two of the new run's three repetitions were slowed down 30% by something
  // else on the machine: the p50 over all samples moves +30%, significantly,
  // but its first repetition is as fast as the base run's.
  const LatencySamples base = MakeRun(1.0, {1, 1, 1}, 300, 1);
  const LatencySamples disturbed = MakeRun(1.0, {1, 1.3, 1.3}, 300, 2);
  const MetricComparison m = Compare(base, disturbed);
  ASSERT_EQ(m.candidate_repetitions.size(), 3u);
  EXPECT_NEAR(m.candidate_repetitions[0], 1.0, 0.01);
  EXPECT_GT(*m.change, 0.2);
  EXPECT_LT(m.test->p_value, 0.05);
  EXPECT_EQ(m.verdict, Verdict::kNoisy) << m.reason;
  EXPECT_NE(m.reason.find("not in every repetition"), std::string::npos) << m.reason;

  CompareOptions no_rule;
  no_rule.repetition_rule = false;
  EXPECT_EQ(Compare(base, disturbed, no_rule).verdict, Verdict::kRegressed);
  // Every repetition slower than its counterpart by more than the threshold.
  EXPECT_EQ(Compare(base, MakeRun(1.0, {1.2, 1.3, 1.3}, 300, 3)).verdict, Verdict::kRegressed);
  // Slower by more than 5% overall, but one repetition by only 3%: noisy.
  EXPECT_EQ(Compare(base, MakeRun(1.0, {1.03, 1.3, 1.3}, 300, 3)).verdict, Verdict::kNoisy);
  // Repetitions that disagree among themselves, each slowed by 10%: every
  // counterpart shows it, though the runs' ranges overlap.
  const LatencySamples uneven = MakeRun(1.0, {1, 1.2, 0.9}, 300, 4);
  EXPECT_EQ(Compare(uneven, MakeRun(1.0, {1.1, 1.32, 0.99}, 300, 5)).verdict, Verdict::kRegressed);
  // With different repetition counts, every repetition against every other.
  EXPECT_EQ(Compare(uneven, MakeRun(1.0, {1.1, 1.32}, 300, 6)).verdict, Verdict::kNoisy);
}

TEST(VerdictTest, OneRepetitionHasNoSpreadAndTooFewSamplesAreNoisy) {
  const LatencySamples one = MakeRun(1.0, {1}, 300, 1);
  EXPECT_EQ(PerRepetition(one, BootstrapStatistic::Percentile(50)).size(), 1u);
  EXPECT_EQ(Compare(one, MakeRun(1.1, {1}, 300, 2)).verdict, Verdict::kRegressed);
  const MetricComparison few = Compare(MakeRun(1.0, {1}, 10, 1), MakeRun(1.5, {1}, 10, 2));
  EXPECT_EQ(few.verdict, Verdict::kNoisy);
  EXPECT_NE(few.reason.find("fewer than 20"), std::string::npos) << few.reason;
}

}  // namespace
}  // namespace edgebench
