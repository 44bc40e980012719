// One interface for every energy sensor. A cumulative counter (RAPL) reads
// it at Start and Stop; an instantaneous power sensor (INA3221) samples
// between them and integrates. Either way the caller sees one interval's energy.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

// Monotonic time in nanoseconds. Meters take one so tests can drive time.
using MonotonicClock = std::function<int64_t()>;
int64_t SteadyClockNs();

// Energy over one Start..Stop interval, as the sensor saw it: nothing is
// subtracted (see idle_power.h for the idle baseline).
struct EnergyMeasurement {
  double joules = 0;        // the zones or rails counted in the total
  double seconds = 0;       // interval length by the meter's clock; > 0
  std::string source;       // "rapl", "ina3221"
  nlohmann::json details;   // per zone or rail, and how the total was formed
};

class EnergyMeter {
 public:
  virtual ~EnergyMeter() = default;

  // "rapl" or "ina3221": the "source" of the result's energy object.
  virtual std::string source() const = 0;
  // Begins an interval; a second Start begins a new one.
  virtual Status Start() = 0;
  // Ends the interval begun by Start and returns its energy. Fails when Start
  // was not called or the sensor could not be read.
  virtual Expected<EnergyMeasurement> Stop() = 0;
};

}  // namespace edgebench
