#include "reports/results/result_rows_run.h"

#include <set>
#include <string>

namespace edgebench::result_rows_detail {

using nlohmann::json;

namespace {

const json& Section(const json& obj, const char* name) {
  static const json kEmpty = json::object();
  const json* v = Member(obj, name);
  return v != nullptr && v->is_object() ? *v : kEmpty;
}

Expected<DeviceRow> ReadProfile(const json& obj, const std::string& field, const Place& place) {
  if (!obj.is_object()) return place.Bad(field, "must be an object");
  DeviceRow profile;
  EB_ASSIGN_OR_RETURN(profile.id, RequireString(obj, "id", field + ".id", place));
  EB_ASSIGN_OR_RETURN(profile.name, OptionalString(obj, "name", field + ".name", place));
  EB_ASSIGN_OR_RETURN(profile.device_class, OptionalString(obj, "class", field + ".class", place));
  EB_ASSIGN_OR_RETURN(profile.price_usd, OptionalSourced(obj, "price_usd", field + ".price_usd", place));
  EB_ASSIGN_OR_RETURN(profile.target_latency_ms,
                      OptionalSourced(obj, "target_latency_ms", field + ".target_latency_ms", place));
  EB_ASSIGN_OR_RETURN(profile.max_model_bytes,
                      OptionalSourced(obj, "max_model_bytes", field + ".max_model_bytes", place));
  return profile;
}

std::string FileName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Expected<RunInfo> ReadRunInfo(const json& doc, const Place& place) {
  RunInfo info;
  const json& run = Section(doc, "run");
  EB_ASSIGN_OR_RETURN(info.id, OptionalString(run, "id", "run.id", place));
  EB_ASSIGN_OR_RETURN(info.suite, OptionalString(run, "suite", "run.suite", place));
  EB_ASSIGN_OR_RETURN(info.git_sha, OptionalString(run, "git_sha", "run.git_sha", place));
  EB_ASSIGN_OR_RETURN(info.started, OptionalString(run, "started", "run.started", place));
  EB_ASSIGN_OR_RETURN(info.finished, OptionalString(run, "finished", "run.finished", place));
  EB_ASSIGN_OR_RETURN(info.build_type, OptionalString(Section(run, "build"), "type", "run.build.type", place));
  EB_ASSIGN_OR_RETURN(info.host_cpu, OptionalString(Section(doc, "host"), "cpu_model", "host.cpu_model", place));
  return info;
}

Expected<DeviceBlock> ReadDeviceBlock(const json& doc, const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* device, RequireObject(doc, "device", "device", place));
  DeviceBlock block;
  EB_ASSIGN_OR_RETURN(block.id, RequireString(*device, "id", "device.id", place));
  EB_ASSIGN_OR_RETURN(block.name, OptionalString(*device, "name", "device.name", place));
  EB_ASSIGN_OR_RETURN(block.mode, RequireString(*device, "mode", "device.mode", place));
  EB_ASSIGN_OR_RETURN(block.mode_reason, OptionalString(*device, "mode_reason", "device.mode_reason", place));
  EB_ASSIGN_OR_RETURN(const json* host_profile,
                      RequireObject(*device, "host_profile", "device.host_profile", place));
  EB_ASSIGN_OR_RETURN(block.host_profile, ReadProfile(*host_profile, "device.host_profile", place));
  // Files written before device.targets existed (same schema tag) have none:
  // their projections are then drawn and tabled without names, prices or budgets.
  const json* targets = Member(*device, "targets");
  if (targets == nullptr) return block;
  if (!targets->is_array()) return place.Bad("device.targets", "must be an array");
  for (size_t i = 0; i < targets->size(); ++i) {
    EB_ASSIGN_OR_RETURN(DeviceRow target,
                        ReadProfile((*targets)[i], "device.targets[" + std::to_string(i) + "]", place));
    block.targets.push_back(std::move(target));
  }
  return block;
}

// run.id names a run best; a file name when ids are absent or repeat (a run
// given twice), and a position when even those repeat.
void AssignRunLabels(std::vector<RunRows>* runs) {
  std::set<std::string> seen_ids;
  bool ids_usable = true;
  for (const RunRows& run : *runs) {
    ids_usable = ids_usable && !run.info.id.empty() && seen_ids.insert(run.info.id).second;
  }
  std::set<std::string> labels;
  for (size_t i = 0; i < runs->size(); ++i) {
    RunRows& run = (*runs)[i];
    std::string label = ids_usable ? run.info.id : FileName(run.path);
    if (!labels.insert(label).second) label += " (#" + std::to_string(i + 1) + ")";
    run.label = label;
  }
}

}  // namespace edgebench::result_rows_detail
