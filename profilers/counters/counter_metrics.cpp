#include "profilers/counters/counter_metrics.h"

#include <string>

namespace edgebench {

namespace {

Known<double> Ratio(const PerfCounters& counters, const std::vector<CounterValue>& values, const std::string& numerator,
                    const std::string& denominator) {
  const Known<double> top = FindCounterValue(counters, values, numerator);
  if (!top.known()) return top;
  const Known<double> bottom = FindCounterValue(counters, values, denominator);
  if (!bottom.known()) return bottom;
  if (*bottom.value == 0) return Known<double>::Unknown(denominator + " counted 0 in the interval");
  return Known<double>::Of(*top.value / *bottom.value);
}

}  // namespace

CounterMetrics ComputeCounterMetrics(const PerfCounters& counters, const std::vector<CounterValue>& values) {
  CounterMetrics metrics;
  metrics.ipc = Ratio(counters, values, "instructions", "cycles");
  metrics.cache_miss_rate = Ratio(counters, values, "cache-misses", "cache-references");
  return metrics;
}

nlohmann::json ToJson(const CounterMetrics& metrics) {
  nlohmann::json out = nlohmann::json::object();
  PutKnown(out, "ipc", metrics.ipc);
  PutKnown(out, "cache_miss_rate", metrics.cache_miss_rate);
  return out;
}

}  // namespace edgebench
