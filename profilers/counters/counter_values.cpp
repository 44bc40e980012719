#include "profilers/counters/counter_values.h"

#include <algorithm>

namespace edgebench {

namespace {

const char* Kind(bool hardware) { return hardware ? "hardware" : "software"; }

}  // namespace

CounterSnapshot SnapshotDelta(const PerfCounters& counters, const CounterSnapshot& begin, const CounterSnapshot& end) {
  CounterSnapshot delta;
  for (size_t i = 0; i < counters.num_events(); ++i) delta.events[i] = CounterDelta(begin.events[i], end.events[i]);
  return delta;
}

void AccumulateDelta(const PerfCounters& counters, const CounterSnapshot& begin, const CounterSnapshot& end,
                     CounterSnapshot* total) {
  for (size_t i = 0; i < counters.num_events(); ++i) {
    const CounterReading delta = CounterDelta(begin.events[i], end.events[i]);
    CounterReading& sum = total->events[i];
    sum.raw += delta.raw;
    sum.enabled_ns += delta.enabled_ns;
    sum.running_ns += delta.running_ns;
  }
}

std::vector<CounterValue> CounterValues(const PerfCounters& counters, const CounterSnapshot& interval) {
  std::vector<CounterValue> values;
  values.reserve(counters.num_events());
  for (size_t i = 0; i < counters.num_events(); ++i) {
    const CounterReading& reading = interval.events[i];
    ScaledCount scaled = ScaleCount(reading);
    values.push_back({counters.name(i), counters.is_hardware(i), counters.unit(i), reading.raw, std::move(scaled.value),
                      scaled.running_fraction});
  }
  return values;
}

std::vector<CounterValue> Difference(const PerfCounters& counters, const CounterSnapshot& begin,
                                     const CounterSnapshot& end) {
  return CounterValues(counters, SnapshotDelta(counters, begin, end));
}

Known<double> FindCounterValue(const PerfCounters& counters, const std::vector<CounterValue>& values,
                               const std::string& name) {
  const auto value = std::find_if(values.begin(), values.end(), [&](const CounterValue& v) { return v.name == name; });
  if (value != values.end()) {
    if (value->value.known()) return value->value;
    return Known<double>::Unknown(name + " unknown: " + value->value.reason);
  }
  const std::vector<SkippedCounter>& skipped = counters.skipped();
  const auto skip =
      std::find_if(skipped.begin(), skipped.end(), [&](const SkippedCounter& s) { return s.name == name; });
  if (skip != skipped.end()) return Known<double>::Unknown(name + " not counted: " + skip->reason);
  return Known<double>::Unknown(name + " was not among the requested perf events");
}

nlohmann::json CountersJson(const PerfCounters& counters, const std::vector<CounterValue>& values) {
  nlohmann::json out = {{"available", counters.hardware_available()}};
  if (!counters.hardware_available()) out["reason"] = counters.hardware_reason();
  PutKnown(out, "paranoid", counters.paranoid());
  out["modes"] = counters.counts_kernel() ? "user+kernel" : "user";
  out["threads"] = "calling thread";
  out["groups"] = counters.num_groups();
  nlohmann::json events = nlohmann::json::object();
  for (const CounterValue& value : values) {
    nlohmann::json event = {{"kind", Kind(value.hardware)}, {"unit", value.unit}};
    PutKnown(event, "value", value.value);
    event["raw"] = value.raw;
    event["running_fraction"] = value.running_fraction;
    events[value.name] = std::move(event);
  }
  for (const SkippedCounter& skipped : counters.skipped()) {
    nlohmann::json event = {{"kind", Kind(skipped.hardware)}};
    PutKnown(event, "value", Known<double>::Unknown(skipped.reason));
    events[skipped.name] = std::move(event);
  }
  out["events"] = std::move(events);
  return out;
}

}  // namespace edgebench
