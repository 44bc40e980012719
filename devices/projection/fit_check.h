// Whether a model can run on a device at all (fit), and whether it meets the
// budgets of the device's class. A budget miss is advice, not a fit failure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "devices/profiles/device_profile.h"
#include "devices/projection/workload.h"
#include "profilers/thermal/known.h"

namespace edgebench {

// One sentence per failure, naming the figures:
// - RAM: weights + arena + scratch must not exceed ram_bytes; on a board with
//   flash_bytes (MCUs) weights run from flash, so arena + scratch only;
// - flash, when the profile has flash_bytes (MCUs): weights must not exceed it;
// - precision: some compute unit's peaks must include the workload's precision.
std::vector<std::string> FitProblems(const Workload& workload, const DeviceProfile& target, bool precision_supported);

// weights <= max_model_bytes, and the projected latency <= target_latency_ms
// when it is known. A budget that is not positive is taken as absent.
std::vector<std::string> BudgetProblems(const Workload& workload, const Known<double>& latency_ms,
                                        const DeviceProfile& target);

// The figures both checks use, with the profile's sources, for the method.
nlohmann::json FitMethod(const Workload& workload, const DeviceProfile& target);

}  // namespace edgebench
