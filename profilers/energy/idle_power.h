// Idle subtraction: the energy a run adds on top of what the board draws
// doing nothing. The baseline is measured just before the run, so it shares
// the run's temperature, frequency and background load.
#pragma once

#include <cstdint>

#include "profilers/energy/energy_meter.h"
#include "profilers/thermal/known.h"

namespace edgebench {

struct IdlePower {
  double watts = 0;
  double seconds = 0;  // how long it was measured
};

// Average power over `seconds` of sleeping on this thread. Longer is steadier:
// RAPL updates about every millisecond, INA3221 averages over a few.
Expected<IdlePower> MeasureIdlePower(EnergyMeter& meter, double seconds);

struct ActiveEnergy {
  double idle_w = 0;
  double avg_power_w = 0;    // the run's measured joules / seconds, idle included
  double active_joules = 0;  // joules - idle_w * seconds
  // active_joules / inferences; unknown when the run drew less than the idle
  // baseline, where the difference is noise rather than the run's energy.
  Known<double> joules_per_inference;
};

ActiveEnergy SubtractIdle(const EnergyMeasurement& run, const IdlePower& idle, int64_t inferences);

}  // namespace edgebench
