#include "profilers/counters/counter_metrics.h"

#include <gtest/gtest.h>

#include "tests/profilers/counters/counters_testing.h"
#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

CounterValue Counted(const std::string& name, double value) {
  return {name, true, "count", static_cast<uint64_t>(value), Known<double>::Of(value), 1.0};
}

TEST(CounterMetricsTest, RatiosOfCountedValues) {
  const PerfCounters counters = OpenDefaultCounters();
  const std::vector<CounterValue> values = {Counted("cycles", 1000), Counted("instructions", 2500),
                                            Counted("cache-references", 400), Counted("cache-misses", 100)};
  const CounterMetrics metrics = ComputeCounterMetrics(counters, values);
  EXPECT_DOUBLE_EQ(*metrics.ipc.value, 2.5);
  EXPECT_DOUBLE_EQ(*metrics.cache_miss_rate.value, 0.25);
  const nlohmann::json json = ToJson(metrics);
  EXPECT_EQ(json["ipc"], 2.5);
  EXPECT_EQ(json["cache_miss_rate"], 0.25);
}

TEST(CounterMetricsTest, ZeroDenominatorIsUnknown) {
  const PerfCounters counters = OpenDefaultCounters();
  const CounterMetrics metrics = ComputeCounterMetrics(counters, {Counted("cycles", 0), Counted("instructions", 0)});
  EXPECT_FALSE(metrics.ipc.known());
  EXPECT_TRUE(Contains(metrics.ipc.reason, "cycles counted 0"));
}

TEST(CounterMetricsTest, MissingInputsGiveTheirReason) {
  const PerfCounters counters = OpenDefaultCounters();
  const CounterMetrics metrics = ComputeCounterMetrics(counters, {Counted("cycles", 1000)});
  EXPECT_FALSE(metrics.ipc.known());
  EXPECT_TRUE(Contains(metrics.ipc.reason, "instructions"));
  EXPECT_FALSE(metrics.cache_miss_rate.known());
  ExpectUnknownsHaveReasons(ToJson(metrics));
}

TEST(CounterMetricsTest, WithoutHardwareCountersTheReasonIsThePmus) {
  const PerfCounters counters = OpenDefaultCounters();
  if (counters.hardware_available()) GTEST_SKIP() << "this machine has hardware counters";
  const CounterMetrics metrics = ComputeCounterMetrics(counters, {});
  EXPECT_FALSE(metrics.ipc.known());
  EXPECT_TRUE(Contains(metrics.ipc.reason, "instructions not counted: perf_event_open(instructions) failed"));
}

}  // namespace
}  // namespace edgebench
