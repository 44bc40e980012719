#include "profilers/counters/perf_counters.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>

#include "profilers/counters/counter_values.h"
#include "tests/profilers/counters/counters_testing.h"
#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(PerfCountersTest, DefaultsOpenWithSoftwareEventsAlways) {
  const PerfCounters counters = OpenDefaultCounters();
  ASSERT_LE(counters.num_events(), kMaxCounterEvents);
  // Every default and software event is either counted or skipped with a reason.
  for (size_t i = 0; i < counters.num_events(); ++i) EXPECT_FALSE(counters.name(i).empty());
  for (const SkippedCounter& skipped : counters.skipped()) EXPECT_FALSE(skipped.reason.empty()) << skipped.name;
  bool has_task_clock = false;
  for (size_t i = 0; i < counters.num_events(); ++i) {
    if (counters.name(i) == "task-clock") {
      has_task_clock = true;
      EXPECT_FALSE(counters.is_hardware(i));
      EXPECT_EQ(counters.unit(i), "ns");
    }
  }
  EXPECT_TRUE(has_task_clock);
  EXPECT_EQ(counters.hardware_reason().empty(), counters.hardware_available());
}

TEST(PerfCountersTest, SoftwareEventsCountRealWork) {
  PerfCounters counters = OpenDefaultCounters();
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t pages = 256;
  double wall_ns = 0;
  const std::vector<CounterValue> values = CountAround(counters, [&] {
    const auto start = std::chrono::steady_clock::now();
    BusyLoop(20);
    // Fresh anonymous pages fault on first touch, one fault per small page.
    void* memory = mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(memory, MAP_FAILED);
    madvise(memory, pages * page, MADV_NOHUGEPAGE);  // a huge page would take all touches in one fault
    for (size_t i = 0; i < pages; ++i) static_cast<volatile char*>(memory)[i * page] = 1;
    munmap(memory, pages * page);
    wall_ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  });

  const CounterValue* task_clock = FindValue(values, "task-clock");
  ASSERT_NE(task_clock, nullptr);
  ASSERT_TRUE(task_clock->value.known()) << task_clock->value.reason;
  // This thread's CPU time: part of the wall time on a shared machine, never more than all of it
  // (plus the two reads around the work).
  EXPECT_GT(*task_clock->value.value, 0.0);
  EXPECT_LE(*task_clock->value.value, wall_ns + 1e6);
  EXPECT_EQ(task_clock->running_fraction, 1.0);

  const CounterValue* faults = FindValue(values, "page-faults");
  ASSERT_NE(faults, nullptr);
  ASSERT_TRUE(faults->value.known()) << faults->value.reason;
  EXPECT_GE(*faults->value.value, static_cast<double>(pages));
  EXPECT_EQ(faults->raw, static_cast<uint64_t>(*faults->value.value));
}

TEST(PerfCountersTest, DisabledCountersDoNotCount) {
  PerfCounters counters = OpenDefaultCounters();
  CounterSnapshot begin;
  CounterSnapshot end;
  ASSERT_TRUE(counters.Read(&begin).ok());
  BusyLoop(5);
  ASSERT_TRUE(counters.Read(&end).ok());
  const std::vector<CounterValue> values = Difference(counters, begin, end);
  const CounterValue* task_clock = FindValue(values, "task-clock");
  ASSERT_NE(task_clock, nullptr);
  EXPECT_EQ(task_clock->raw, 0u);
  EXPECT_FALSE(task_clock->value.known()) << "never enabled: unknown, not 0";
}

TEST(PerfCountersTest, ResetZeroesCounts) {
  PerfCounters counters = OpenDefaultCounters();
  CountAround(counters, [] { BusyLoop(5); });
  ASSERT_TRUE(counters.Reset().ok());
  CounterSnapshot snapshot;
  ASSERT_TRUE(counters.Read(&snapshot).ok());
  for (size_t i = 0; i < counters.num_events(); ++i) EXPECT_EQ(snapshot.events[i].raw, 0u) << counters.name(i);
}

TEST(PerfCountersTest, HardwareEventsCountInstructionsWhereThePmuExists) {
  PerfCounters counters = OpenDefaultCounters();
  if (!counters.hardware_available()) {
    EXPECT_TRUE(Contains(counters.hardware_reason(), "perf_event_open(")) << counters.hardware_reason();
    GTEST_SKIP() << "no hardware counters here: " << counters.hardware_reason();
  }
  const std::vector<CounterValue> values = CountAround(counters, [] { BusyLoop(10); });
  const CounterValue* instructions = FindValue(values, "instructions");
  ASSERT_NE(instructions, nullptr) << "instructions skipped on a machine with a PMU";
  EXPECT_TRUE(instructions->hardware);
  ASSERT_TRUE(instructions->value.known()) << instructions->value.reason;
  EXPECT_GT(*instructions->value.value, 1e6);
  EXPECT_GT(instructions->running_fraction, 0.0);
}

TEST(PerfCountersTest, NamedHardwareEventsThatCannotOpenAreSkippedNotErrors) {
  Expected<PerfCounters> counters = PerfCounters::Open({"cycles", "instructions"});
  ASSERT_TRUE(counters.ok()) << counters.status().ToString();
  if (counters->hardware_available()) GTEST_SKIP() << "this machine has hardware counters";
  // Software events may be skipped too, when the kernel allows user-mode counting only.
  std::vector<SkippedCounter> hardware;
  for (const SkippedCounter& skipped : counters->skipped()) {
    if (skipped.hardware) hardware.push_back(skipped);
  }
  ASSERT_EQ(hardware.size(), 2u);
  EXPECT_EQ(hardware[0].name, "cycles");
  EXPECT_EQ(hardware[1].name, "instructions");
  EXPECT_EQ(counters->hardware_reason(), hardware[0].reason);
}

TEST(PerfCountersTest, UnknownNamedEventIsAnErrorNamingIt) {
  const Expected<PerfCounters> counters = PerfCounters::Open({"cycles", "no-such-event-xyz"});
  ASSERT_FALSE(counters.ok());
  EXPECT_EQ(counters.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(counters.status().message(), "'no-such-event-xyz'"));
  EXPECT_TRUE(Contains(counters.status().message(), "event not found"));
}

TEST(PerfCountersTest, TooManyEventsIsAnError) {
  std::vector<std::string> names;
  for (size_t i = 0; i < kMaxCounterEvents; ++i) names.push_back("event" + std::to_string(i));
  const Expected<PerfCounters> counters = PerfCounters::Open(names);
  ASSERT_FALSE(counters.ok());
  EXPECT_EQ(counters.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(counters.status().message(), "at most"));
}

TEST(PerfCountersTest, DuplicateNamedEventIsAnError) {
  const Expected<PerfCounters> counters = PerfCounters::Open({"cycles", "instructions", "cycles"});
  ASSERT_FALSE(counters.ok());
  EXPECT_EQ(counters.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(counters.status().message(), "'cycles'"));
}

TEST(PerfCountersTest, NamedSoftwareEventJoinsTheSoftwareGroup) {
  Expected<PerfCounters> counters = PerfCounters::Open({"cpu-clock", "page-faults"});
  ASSERT_TRUE(counters.ok()) << counters.status().ToString();
  size_t page_faults = 0;
  bool has_cpu_clock = false;
  for (size_t i = 0; i < counters->num_events(); ++i) {
    if (counters->name(i) == "page-faults") ++page_faults;
    if (counters->name(i) == "cpu-clock") {
      has_cpu_clock = true;
      EXPECT_FALSE(counters->is_hardware(i));
      EXPECT_EQ(counters->unit(i), "ns");
    }
  }
  EXPECT_TRUE(has_cpu_clock);
  EXPECT_EQ(page_faults, 1u) << "an always-counted event named again is counted once";
  EXPECT_FALSE(counters->hardware_available());
  EXPECT_EQ(counters->hardware_reason(), "no hardware events were requested");
}

TEST(PerfCountersTest, SoftwareEventsAreReadAsOneGroup) {
  Expected<PerfCounters> counters = PerfCounters::Open({"cpu-clock"});
  ASSERT_TRUE(counters.ok()) << counters.status().ToString();
  EXPECT_EQ(counters->num_groups(), 1u);
  EXPECT_GE(counters->num_events(), 4u) << "task-clock, page faults, and cpu-clock at least";
}

TEST(PerfCountersTest, MovedCountersKeepCounting) {
  PerfCounters moved = OpenDefaultCounters();
  PerfCounters counters = std::move(moved);
  const std::vector<CounterValue> values = CountAround(counters, [] { BusyLoop(2); });
  const CounterValue* task_clock = FindValue(values, "task-clock");
  ASSERT_NE(task_clock, nullptr);
  EXPECT_GT(task_clock->raw, 0u);
}

}  // namespace
}  // namespace edgebench
