// Counter snapshots turned into figures: the deltas of an interval, their
// accumulation over many intervals (per-op profiling), and the result's
// "counters" object (DESIGN.md "Results").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "profilers/counters/perf_counters.h"
#include "profilers/thermal/known.h"

namespace edgebench {

struct CounterValue {
  std::string name;
  bool hardware = false;
  std::string unit;             // "count", or "ns" for task-clock
  uint64_t raw = 0;             // as counted while the event was on a counter
  Known<double> value;          // raw scaled by enabled / running time
  double running_fraction = 0;  // running / enabled time: below 1 when multiplexed
};

// end - begin for every counted event; no allocation.
CounterSnapshot SnapshotDelta(const PerfCounters& counters, const CounterSnapshot& begin, const CounterSnapshot& end);

// Adds end - begin to `total`; no allocation, for reads around every node.
// Counts and times are summed over the intervals, so the total is scaled by
// the whole time the event was enabled and running within them.
void AccumulateDelta(const PerfCounters& counters, const CounterSnapshot& begin, const CounterSnapshot& end,
                     CounterSnapshot* total);

// The scaled value of every counted event in `interval` (a delta or a total
// of deltas), in PerfCounters' order.
std::vector<CounterValue> CounterValues(const PerfCounters& counters, const CounterSnapshot& interval);

// CounterValues of end - begin.
std::vector<CounterValue> Difference(const PerfCounters& counters, const CounterSnapshot& begin,
                                     const CounterSnapshot& end);

// The value of the event called `name` among `values`, or why there is none:
// it never ran, was skipped (with the skip's reason), or was not requested.
Known<double> FindCounterValue(const PerfCounters& counters, const std::vector<CounterValue>& values,
                               const std::string& name);

// The result's "counters" object: {available, reason (when not available),
// paranoid, modes, threads, groups, events: {NAME: {kind, unit, value, raw,
// running_fraction}}}. Skipped events appear with value "unknown" and the
// reason, and no raw count, since none was taken.
nlohmann::json CountersJson(const PerfCounters& counters, const std::vector<CounterValue>& values);

}  // namespace edgebench
