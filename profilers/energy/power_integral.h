// Energy from sampled instantaneous power.
#pragma once

#include <cstdint>
#include <vector>

namespace edgebench {

// Joules under the piecewise-linear power curve through the samples
// (trapezoid rule): sum of (w[i] + w[i+1]) / 2 * (t[i+1] - t[i]).
// `times_ns` ascend and match `watts` in size; fewer than two samples give 0.
double TrapezoidJoules(const std::vector<int64_t>& times_ns, const std::vector<double>& watts);

}  // namespace edgebench
