#include "profilers/energy/power_integral.h"

#include <cassert>
#include <cstddef>

namespace edgebench {

double TrapezoidJoules(const std::vector<int64_t>& times_ns, const std::vector<double>& watts) {
  assert(times_ns.size() == watts.size());
  double joules = 0;
  for (size_t i = 1; i < times_ns.size(); ++i) {
    const double seconds = static_cast<double>(times_ns[i] - times_ns[i - 1]) / 1e9;
    joules += (watts[i - 1] + watts[i]) / 2 * seconds;
  }
  return joules;
}

}  // namespace edgebench
