// What the device profiles add to a measured result: the energy figure,
// estimated by the profile's power model when no sensor measured it, and the
// projection of the result onto every device profile.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/sweep/device_context.h"

namespace edgebench {

// For a result with status "ok"; others are left as they are. Problems (a
// workload the projection rejects) become warnings of the result.
void AddDeviceFigures(const DeviceContext& context, nlohmann::json* record);

}  // namespace edgebench
