#include "profilers/counters/counter_scaling.h"

#include <cassert>

namespace edgebench {

ScaledCount ScaleCount(const CounterReading& reading) {
  ScaledCount scaled;
  if (reading.enabled_ns == 0) {
    scaled.value = Known<double>::Unknown("the counter was not enabled during the interval");
    return scaled;
  }
  if (reading.running_ns == 0) {
    scaled.value =
        Known<double>::Unknown("never scheduled: the kernel did not put the event on a counter while it was enabled");
    return scaled;
  }
  const double raw = static_cast<double>(reading.raw);
  if (reading.running_ns >= reading.enabled_ns) {
    // Counted the whole time; the raw count is exact, with no rounding from scaling.
    scaled.value = Known<double>::Of(raw);
    scaled.running_fraction = 1.0;
    return scaled;
  }
  const double fraction = static_cast<double>(reading.running_ns) / static_cast<double>(reading.enabled_ns);
  scaled.value =
      Known<double>::Of(raw * static_cast<double>(reading.enabled_ns) / static_cast<double>(reading.running_ns));
  scaled.running_fraction = fraction;
  return scaled;
}

CounterReading CounterDelta(const CounterReading& begin, const CounterReading& end) {
  // Counts and times only grow while the counters stay open; PerfCounters::Reset
  // between the two readings breaks that, and is documented as doing so.
  assert(end.raw >= begin.raw && end.enabled_ns >= begin.enabled_ns && end.running_ns >= begin.running_ns);
  return CounterReading{end.raw - begin.raw, end.enabled_ns - begin.enabled_ns, end.running_ns - begin.running_ns};
}

}  // namespace edgebench
