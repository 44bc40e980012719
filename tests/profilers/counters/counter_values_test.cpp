#include "profilers/counters/counter_values.h"

#include <gtest/gtest.h>

#include "tests/profilers/counters/counters_testing.h"
#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

// A snapshot whose every event reads (raw, enabled, running).
CounterSnapshot Uniform(const PerfCounters& counters, uint64_t raw, uint64_t enabled_ns, uint64_t running_ns) {
  CounterSnapshot snapshot;
  for (size_t i = 0; i < counters.num_events(); ++i) snapshot.events[i] = {raw, enabled_ns, running_ns};
  return snapshot;
}

TEST(CounterValuesTest, DifferenceScalesEachEventByTheIntervalsTimes) {
  const PerfCounters counters = OpenDefaultCounters();
  ASSERT_GT(counters.num_events(), 0u);
  const std::vector<CounterValue> values =
      Difference(counters, Uniform(counters, 100, 1000, 1000), Uniform(counters, 400, 3000, 2000));
  ASSERT_EQ(values.size(), counters.num_events());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(values[i].name, counters.name(i));
    EXPECT_EQ(values[i].hardware, counters.is_hardware(i));
    EXPECT_EQ(values[i].raw, 300u);
    EXPECT_DOUBLE_EQ(*values[i].value.value, 600.0);
    EXPECT_DOUBLE_EQ(values[i].running_fraction, 0.5);
  }
}

TEST(CounterValuesTest, AccumulatedDeltasSumCountsAndTimes) {
  const PerfCounters counters = OpenDefaultCounters();
  CounterSnapshot total;
  // Two intervals of one op: fully counted, then never on a counter.
  AccumulateDelta(counters, Uniform(counters, 0, 0, 0), Uniform(counters, 50, 100, 100), &total);
  AccumulateDelta(counters, Uniform(counters, 50, 100, 100), Uniform(counters, 50, 200, 100), &total);
  const std::vector<CounterValue> values = CounterValues(counters, total);
  ASSERT_EQ(values.size(), counters.num_events());
  for (const CounterValue& value : values) {
    EXPECT_EQ(value.raw, 50u);
    EXPECT_DOUBLE_EQ(*value.value.value, 100.0);
    EXPECT_DOUBLE_EQ(value.running_fraction, 0.5);
  }
}

TEST(CounterValuesTest, NeverScheduledIntervalIsUnknown) {
  const PerfCounters counters = OpenDefaultCounters();
  const std::vector<CounterValue> values =
      Difference(counters, Uniform(counters, 7, 100, 50), Uniform(counters, 7, 900, 50));
  for (const CounterValue& value : values) {
    EXPECT_FALSE(value.value.known());
    EXPECT_TRUE(Contains(value.value.reason, "never scheduled"));
  }
}

TEST(CounterValuesTest, FindCounterValueExplainsWhatIsMissing) {
  const PerfCounters counters = OpenDefaultCounters();
  std::vector<CounterValue> values = CounterValues(counters, Uniform(counters, 10, 100, 100));
  EXPECT_EQ(FindCounterValue(counters, values, "task-clock").value, 10.0);
  const Known<double> absent = FindCounterValue(counters, values, "branch-loads");
  EXPECT_FALSE(absent.known());
  EXPECT_TRUE(Contains(absent.reason, "branch-loads was not among the requested perf events"));
  if (!counters.skipped().empty()) {
    const SkippedCounter& skipped = counters.skipped().front();
    const Known<double> missing = FindCounterValue(counters, values, skipped.name);
    EXPECT_FALSE(missing.known());
    EXPECT_TRUE(Contains(missing.reason, skipped.reason));
  }
}

TEST(CounterValuesTest, JsonShape) {
  const PerfCounters counters = OpenDefaultCounters();
  const std::vector<CounterValue> values = CounterValues(counters, Uniform(counters, 40, 200, 100));
  const nlohmann::json json = CountersJson(counters, values);

  ASSERT_TRUE(json["available"].is_boolean());
  EXPECT_EQ(json["available"], counters.hardware_available());
  if (counters.hardware_available()) {
    EXPECT_FALSE(json.contains("reason"));
  } else {
    EXPECT_EQ(json["reason"], counters.hardware_reason());
  }
  EXPECT_TRUE(json["paranoid"].is_number_integer() || json["paranoid"] == "unknown");
  EXPECT_TRUE(json["modes"] == "user+kernel" || json["modes"] == "user");
  EXPECT_EQ(json["threads"], "calling thread");
  EXPECT_EQ(json["groups"], counters.num_groups());

  const nlohmann::json& events = json["events"];
  ASSERT_TRUE(events.is_object());
  EXPECT_EQ(events.size(), counters.num_events() + counters.skipped().size());
  const nlohmann::json& task_clock = events["task-clock"];
  EXPECT_EQ(task_clock["kind"], "software");
  EXPECT_EQ(task_clock["unit"], "ns");
  EXPECT_EQ(task_clock["raw"], 40u);
  EXPECT_EQ(task_clock["value"], 80.0);
  EXPECT_EQ(task_clock["running_fraction"], 0.5);
  for (const SkippedCounter& skipped : counters.skipped()) {
    const nlohmann::json& event = events[skipped.name];
    EXPECT_EQ(event["kind"], skipped.hardware ? "hardware" : "software");
    EXPECT_EQ(event["value"], "unknown");
    EXPECT_EQ(event["value_reason"], skipped.reason);
    EXPECT_FALSE(event.contains("raw")) << "no raw count was taken";
  }
  ExpectUnknownsHaveReasons(json);
}

TEST(CounterValuesTest, JsonOfAnUnscheduledEventIsUnknownWithRawKept) {
  const PerfCounters counters = OpenDefaultCounters();
  const nlohmann::json json = CountersJson(counters, CounterValues(counters, Uniform(counters, 0, 100, 0)));
  const nlohmann::json& task_clock = json["events"]["task-clock"];
  EXPECT_EQ(task_clock["value"], "unknown");
  EXPECT_TRUE(Contains(task_clock["value_reason"].get<std::string>(), "never scheduled"));
  EXPECT_EQ(task_clock["raw"], 0u);
  EXPECT_EQ(task_clock["running_fraction"], 0.0);
}

}  // namespace
}  // namespace edgebench
