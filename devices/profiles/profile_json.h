// A device profile as JSON (devices/schema/device.schema.json) and back.
// Every number is {"value": N, "source": "..."}; a bare number is an error,
// so no figure enters a profile without saying where it came from.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "devices/profiles/device_profile.h"
#include "runtime/core/status.h"

namespace edgebench {

// Checks every field: required ones present, types, positive figures, the
// class/precision/sensor/unit-kind words, a source on every number, idle <=
// typical <= max power, the CPU listed first, and no unknown keys. Errors read
// "<origin>: <field path>: <what is wrong>".
Expected<DeviceProfile> ParseDeviceProfile(const nlohmann::json& document, const std::string& origin);

// The profile file's JSON; ParseDeviceProfile(ToJson(p)) gives p back.
nlohmann::json ToJson(const DeviceProfile& profile);

// The best peak any unit has at `precision` in GOP/s, or nullptr when no unit
// supports it.
const PrecisionPeak* BestPeak(const DeviceProfile& profile, const std::string& precision);

}  // namespace edgebench
