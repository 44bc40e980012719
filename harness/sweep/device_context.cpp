#include "harness/sweep/device_context.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "devices/host/host_profile.h"
#include "devices/profiles/profile_json.h"
#include "devices/profiles/profile_loader.h"
#include "runtime/core/file_io.h"

namespace edgebench {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// /proc/device-tree/model ends in a NUL.
std::string DeviceTreeModel() {
  Expected<std::string> model = ReadFileBytes("/proc/device-tree/model");
  if (!model.ok()) return "";
  std::string text = *model;
  while (!text.empty() && (text.back() == '\0' || text.back() == '\n')) text.pop_back();
  return text;
}

}  // namespace

std::string DefaultDeviceProfileDir() {
  std::error_code ec;
  if (std::filesystem::is_directory("devices/profiles", ec)) return "devices/profiles";
  return std::string(EDGEBENCH_SOURCE_DIR) + "/devices/profiles";
}

std::string WhyNotThisMachine(const DeviceProfile& profile, const std::string& device_tree_model) {
  if (profile.device_tree_model.empty()) {
    return "profile " + profile.id + " has no device_tree_model to recognise the board by";
  }
  if (device_tree_model.empty()) {
    return "this machine has no device-tree model to identify it as " + profile.name + " (an x86 host or a VM)";
  }
  if (Lower(device_tree_model).find(Lower(profile.device_tree_model)) != std::string::npos) return "";
  return "this machine is '" + device_tree_model + "', not " + profile.name;
}

Expected<DeviceContext> PrepareDevices(const DeviceOptions& options, const HostInfo& host) {
  DeviceContext context;
  const std::string dir = options.profile_dir.empty() ? DefaultDeviceProfileDir() : options.profile_dir;
  EB_ASSIGN_OR_RETURN(context.targets, LoadDeviceProfiles(dir));
  if (!options.host_profile_path.empty()) {
    EB_ASSIGN_OR_RETURN(context.host, LoadDeviceProfile(options.host_profile_path));
    context.host_source = options.host_profile_path;
  } else {
    HostProfileOptions detect = QuickHostProfileOptions();
    // Memory-bound projections scale with the host's bandwidth, which is the
    // noisiest figure on a shared machine: give it more and longer tries.
    detect.bandwidth_budget = {0.1, 5};
    EB_ASSIGN_OR_RETURN(HostPeaks peaks, MeasureHostPeaks(host, detect));
    EB_ASSIGN_OR_RETURN(context.host, BuildHostProfile(host, peaks, detect));
    context.host_source = "measured at the start of this run (devices detect --quick)";
  }
  if (options.device_id == "host") {
    context.device = context.host;
    context.mode = "measured";
    return context;
  }
  EB_ASSIGN_OR_RETURN(context.device, FindDeviceProfile(dir, options.device_id));
  context.mode_reason = WhyNotThisMachine(context.device, DeviceTreeModel());
  context.mode = context.mode_reason.empty() ? "measured" : "projected";
  return context;
}

namespace {

// What a report needs to choose among the targets without the profile files:
// names, class, price and the class budgets, each number with its source.
nlohmann::json TargetSummary(const DeviceProfile& target) {
  const nlohmann::json full = ToJson(target);
  nlohmann::json out = nlohmann::json::object();
  for (const char* field : {"id", "name", "class", "price_usd", "typical_w", "max_model_bytes", "target_latency_ms"}) {
    if (full.contains(field)) out[field] = full[field];
  }
  return out;
}

}  // namespace

nlohmann::json ToJson(const DeviceContext& context) {
  nlohmann::json out = {{"id", context.device.id},
                        {"name", context.device.name},
                        {"mode", context.mode},
                        {"host_profile", ToJson(context.host)},
                        {"host_profile_source", context.host_source},
                        {"projected_on", nlohmann::json::array()},
                        {"targets", nlohmann::json::array()}};
  if (!context.mode_reason.empty()) {
    out["mode_reason"] = context.mode_reason + ": measured on this machine, projected onto " + context.device.id;
  }
  for (const DeviceProfile& target : context.targets) {
    out["projected_on"].push_back(target.id);
    out["targets"].push_back(TargetSummary(target));
  }
  return out;
}

}  // namespace edgebench
