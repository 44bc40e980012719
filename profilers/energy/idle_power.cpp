#include "profilers/energy/idle_power.h"

#include <chrono>
#include <thread>

namespace edgebench {

Expected<IdlePower> MeasureIdlePower(EnergyMeter& meter, double seconds) {
  if (!(seconds > 0)) {
    return InvalidArgument("idle measurement needs a positive duration, not " + std::to_string(seconds) + " s");
  }
  EB_RETURN_IF_ERROR(meter.Start());
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  EB_ASSIGN_OR_RETURN(const EnergyMeasurement idle, meter.Stop());
  return IdlePower{idle.joules / idle.seconds, idle.seconds};
}

ActiveEnergy SubtractIdle(const EnergyMeasurement& run, const IdlePower& idle, int64_t inferences) {
  ActiveEnergy out;
  out.idle_w = idle.watts;
  out.avg_power_w = run.joules / run.seconds;
  out.active_joules = run.joules - idle.watts * run.seconds;
  if (inferences <= 0) {
    out.joules_per_inference = Known<double>::Unknown("the run counted " + std::to_string(inferences) + " inferences");
  } else if (out.active_joules < 0) {
    out.joules_per_inference = Known<double>::Unknown("the run averaged " + std::to_string(out.avg_power_w) +
                                                      " W, below the idle baseline of " + std::to_string(idle.watts) +
                                                      " W: the baseline's noise exceeds the run's energy");
  } else {
    out.joules_per_inference = Known<double>::Of(out.active_joules / static_cast<double>(inferences));
  }
  return out;
}

}  // namespace edgebench
