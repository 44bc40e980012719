#include "profilers/counters/counter_scaling.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

TEST(CounterScalingTest, FullyRunningCountIsTheRawCount) {
  const ScaledCount scaled = ScaleCount({123456789, 1000, 1000});
  ASSERT_TRUE(scaled.value.known());
  EXPECT_EQ(*scaled.value.value, 123456789.0);
  EXPECT_EQ(scaled.running_fraction, 1.0);
}

TEST(CounterScalingTest, MultiplexedCountIsScaledByEnabledOverRunning) {
  // On a counter a quarter of the time: the count covers a quarter of the work.
  const ScaledCount scaled = ScaleCount({1000, 4000, 1000});
  ASSERT_TRUE(scaled.value.known());
  EXPECT_DOUBLE_EQ(*scaled.value.value, 4000.0);
  EXPECT_DOUBLE_EQ(scaled.running_fraction, 0.25);

  const ScaledCount third = ScaleCount({10, 3, 2});
  EXPECT_DOUBLE_EQ(*third.value.value, 15.0);
  EXPECT_DOUBLE_EQ(third.running_fraction, 2.0 / 3.0);
}

TEST(CounterScalingTest, NeverScheduledIsUnknownNotZeroOrInfinite) {
  const ScaledCount scaled = ScaleCount({0, 5000, 0});
  EXPECT_FALSE(scaled.value.known());
  EXPECT_NE(scaled.value.reason.find("never scheduled"), std::string::npos) << scaled.value.reason;
  EXPECT_EQ(scaled.running_fraction, 0.0);
}

TEST(CounterScalingTest, NeverEnabledIsUnknown) {
  const ScaledCount scaled = ScaleCount({0, 0, 0});
  EXPECT_FALSE(scaled.value.known());
  EXPECT_NE(scaled.value.reason.find("not enabled"), std::string::npos) << scaled.value.reason;
}

TEST(CounterScalingTest, DeltaIsScaledWithTheIntervalsOwnTimes) {
  // Fully counted for 1000 ns, then on a counter half of the next 2000 ns.
  const CounterReading begin{500, 1000, 1000};
  const CounterReading end{1500, 3000, 2000};
  const CounterReading delta = CounterDelta(begin, end);
  EXPECT_EQ(delta.raw, 1000u);
  EXPECT_EQ(delta.enabled_ns, 2000u);
  EXPECT_EQ(delta.running_ns, 1000u);
  const ScaledCount scaled = ScaleCount(delta);
  EXPECT_DOUBLE_EQ(*scaled.value.value, 2000.0);
  EXPECT_DOUBLE_EQ(scaled.running_fraction, 0.5);
  // The cumulative reading's scaling would have given 1500 * 3000 / 2000 = 2250 in total,
  // which is not the same as scaling each interval; the interval uses its own times.
}

}  // namespace
}  // namespace edgebench
