// Figures derived from counts, per run or per op (issue 4: IPC and cache-miss
// rate per operator).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "profilers/counters/counter_values.h"
#include "profilers/counters/perf_counters.h"
#include "profilers/thermal/known.h"

namespace edgebench {

struct CounterMetrics {
  Known<double> ipc;              // instructions / cycles
  Known<double> cache_miss_rate;  // cache-misses / cache-references
};

// Unknown, with the reason, when an input was not counted or is zero.
CounterMetrics ComputeCounterMetrics(const PerfCounters& counters, const std::vector<CounterValue>& values);

// {"ipc", "cache_miss_rate"}, each a number or "unknown" with "<field>_reason".
nlohmann::json ToJson(const CounterMetrics& metrics);

}  // namespace edgebench
