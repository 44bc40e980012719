#include "profilers/energy/energy_meter.h"

#include <chrono>

namespace edgebench {

int64_t SteadyClockNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace edgebench
