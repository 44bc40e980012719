// Device profile files: devices/profiles/<id>.json, one device each. The
// folder is a parameter: the devices library does not know where the source
// tree is; the CLI resolves the default (harness/cli/devices_command.cpp).
#pragma once

#include <string>
#include <vector>

#include "devices/profiles/device_profile.h"
#include "runtime/core/status.h"

namespace edgebench {

// One file; its "id" must equal its stem (rpi4.json holds id "rpi4").
Expected<DeviceProfile> LoadDeviceProfile(const std::string& path);

// Every *.json in `dir`, sorted by id. One bad file fails the whole load with
// an error naming the file and field: a profile folder is data the projection
// trusts, so it is all valid or not used.
Expected<std::vector<DeviceProfile>> LoadDeviceProfiles(const std::string& dir);

// `dir`/`id`.json, or NotFound("unknown device 'x'; known: a, b, c").
Expected<DeviceProfile> FindDeviceProfile(const std::string& dir, const std::string& id);

// The ids (file stems) of the *.json files in `dir`, sorted.
std::vector<std::string> ListDeviceProfileIds(const std::string& dir);

}  // namespace edgebench
