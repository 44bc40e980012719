// Helpers shared by the counter tests: real counters of this thread and work
// for them to count.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "profilers/counters/counter_values.h"
#include "profilers/counters/perf_counters.h"

namespace edgebench {

// The default set; on this VM that is the software events, with every
// hardware event skipped for want of a PMU.
inline PerfCounters OpenDefaultCounters() {
  Expected<PerfCounters> counters = PerfCounters::Open({});
  EXPECT_TRUE(counters.ok()) << counters.status().ToString();
  return std::move(counters).value();
}

// Keeps the CPU busy for about `ms` milliseconds of wall time.
inline void BusyLoop(int ms) {
  volatile double sink = 0;
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    for (int i = 0; i < 10000; ++i) sink = sink + std::sqrt(static_cast<double>(i));
  }
}

// The counts of `work`, read around it with the counters enabled.
template <typename Work>
std::vector<CounterValue> CountAround(PerfCounters& counters, Work&& work) {
  CounterSnapshot begin;
  CounterSnapshot end;
  EXPECT_TRUE(counters.Enable().ok());
  EXPECT_TRUE(counters.Read(&begin).ok());
  work();
  EXPECT_TRUE(counters.Read(&end).ok());
  EXPECT_TRUE(counters.Disable().ok());
  return Difference(counters, begin, end);
}

inline const CounterValue* FindValue(const std::vector<CounterValue>& values, const std::string& name) {
  for (const CounterValue& value : values) {
    if (value.name == name) return &value;
  }
  return nullptr;
}

}  // namespace edgebench
