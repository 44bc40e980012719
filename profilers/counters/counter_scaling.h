// Multiplexing correction for perf counts (DESIGN.md "Measurement rules"):
// when the kernel time-shares more events than the PMU has counters, a count
// only covers the time its event was on a counter, so it is scaled by
// time_enabled / time_running and the raw count is kept beside it.
#pragma once

#include <cstdint>

#include "profilers/thermal/known.h"

namespace edgebench {

// One event as the kernel reports it: the count and the nanoseconds the event
// was enabled and actually running on a counter. Either a cumulative reading
// or the difference of two readings.
struct CounterReading {
  uint64_t raw = 0;
  uint64_t enabled_ns = 0;
  uint64_t running_ns = 0;
};

struct ScaledCount {
  // raw * enabled / running; unknown when the event never ran on a counter
  // (scaling would divide by zero) or was never enabled.
  Known<double> value;
  // running / enabled: 1 when the event counted the whole time, 0 when it
  // never ran or was never enabled.
  double running_fraction = 0;
};

ScaledCount ScaleCount(const CounterReading& reading);

// The reading accumulated between `begin` and `end` of the same event; an
// interval's count is scaled with the interval's own enabled and running time.
CounterReading CounterDelta(const CounterReading& begin, const CounterReading& end);

}  // namespace edgebench
