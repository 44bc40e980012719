// The devices a sweep deals with (issue 4, "Projection"): the host's profile,
// detected and measured at the start of the sweep, which calibrates the
// projections and gives the host's energy model; the --device profile and
// whether this machine is that device (measured) or not (projected); and
// every shipped profile, each result being projected onto all of them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "devices/host/host_info.h"
#include "devices/profiles/device_profile.h"
#include "runtime/core/status.h"

namespace edgebench {

struct DeviceContext {
  DeviceProfile host;     // detected here
  std::string host_source;  // "detected by devices detect --quick at the start of the run", or the file
  DeviceProfile device;   // --device; the host's own profile for "host"
  std::string mode;       // "measured" when this machine is the device, else "projected"
  std::string mode_reason;
  std::vector<DeviceProfile> targets;  // every profile of the profile folder
};

// ./devices/profiles when run from a checkout, else the source tree's.
std::string DefaultDeviceProfileDir();

struct DeviceOptions {
  std::string device_id = "host";
  std::string profile_dir;        // empty: DefaultDeviceProfileDir()
  std::string host_profile_path;  // a `devices detect --out` file; empty: detect now
};

Expected<DeviceContext> PrepareDevices(const DeviceOptions& options, const HostInfo& host);

// Whether `profile` describes this machine: its device-tree model (ARM
// boards) contains the profile's device_tree_model, case aside. Empty when it
// does, else why not.
std::string WhyNotThisMachine(const DeviceProfile& profile, const std::string& device_tree_model);

// The results' "device" object: id, name, mode (and why), the host profile
// that calibrated the projections.
nlohmann::json ToJson(const DeviceContext& context);

}  // namespace edgebench
