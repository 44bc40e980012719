#include "reports/charts/result_rows.h"

#include <set>
#include <sstream>

namespace edgebench {
namespace {

using nlohmann::json;

// Where a field is, for error messages: "'q.json': result 'mobilenet_v2|fp32|…'".
struct Place {
  std::string file;
  std::string config_key;

  Status Bad(const std::string& field, const std::string& problem) const {
    std::string where = "'" + file + "'";
    if (!config_key.empty()) where += ": result '" + config_key + "'";
    return InvalidArgument(where + ": field '" + field + "' " + problem);
  }
};

const char* TypeName(const json& v) { return v.is_null() ? "null" : v.type_name(); }

// The member `name` of `obj` (nullptr when absent); `obj` must be an object.
const json* Member(const json& obj, const std::string& name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &*it;
}

Expected<const json*> RequireObject(const json& obj, const std::string& name, const std::string& field,
                                    const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr) return place.Bad(field, "is missing");
  if (!v->is_object()) return place.Bad(field, std::string("must be an object (got ") + TypeName(*v) + ")");
  return v;
}

Expected<double> RequireNumber(const json& obj, const std::string& name, const std::string& field,
                               const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr) return place.Bad(field, "is missing");
  if (!v->is_number()) return place.Bad(field, std::string("must be a number (got ") + TypeName(*v) + ")");
  return v->get<double>();
}

Expected<std::string> RequireString(const json& obj, const std::string& name, const std::string& field,
                                    const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr) return place.Bad(field, "is missing");
  if (!v->is_string()) return place.Bad(field, std::string("must be a string (got ") + TypeName(*v) + ")");
  return v->get<std::string>();
}

// Absent or null gives "", another non-string an error.
Expected<std::string> OptionalString(const json& obj, const std::string& name, const std::string& field,
                                     const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return place.Bad(field, std::string("must be a string (got ") + TypeName(*v) + ")");
  return v->get<std::string>();
}

Expected<std::optional<double>> OptionalNumber(const json& obj, const std::string& name, const std::string& field,
                                               const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return std::optional<double>();
  if (!v->is_number()) return place.Bad(field, std::string("must be a number (got ") + TypeName(*v) + ")");
  return std::optional<double>(v->get<double>());
}

// A "reasonOr" field: a number, or "unknown" with the reason in <name>_reason.
Expected<KnownNumber> ReasonOr(const json& obj, const std::string& name, const std::string& field,
                               const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return KnownNumber{std::nullopt, "not in the results file"};
  if (v->is_number()) return KnownNumber{v->get<double>(), ""};
  if (v->is_string() && v->get<std::string>() == "unknown") {
    EB_ASSIGN_OR_RETURN(std::string reason, OptionalString(obj, name + "_reason", field + "_reason", place));
    return KnownNumber{std::nullopt, reason.empty() ? "unknown (no reason given)" : reason};
  }
  return place.Bad(field, std::string("must be a number or \"unknown\" (got ") + TypeName(*v) + ")");
}

Expected<std::vector<std::string>> Strings(const json& obj, const std::string& name, const std::string& field,
                                           const Place& place) {
  std::vector<std::string> out;
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) return place.Bad(field, std::string("must be an array (got ") + TypeName(*v) + ")");
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) return place.Bad(field + "[" + std::to_string(i) + "]", "must be a string");
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

Expected<LatencyRow> ReadLatency(const json& result, const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* lat, RequireObject(result, "latency_ms", "latency_ms", place));
  LatencyRow row;
  EB_ASSIGN_OR_RETURN(row.p50, RequireNumber(*lat, "p50", "latency_ms.p50", place));
  EB_ASSIGN_OR_RETURN(row.p90, RequireNumber(*lat, "p90", "latency_ms.p90", place));
  EB_ASSIGN_OR_RETURN(row.p99, RequireNumber(*lat, "p99", "latency_ms.p99", place));
  EB_ASSIGN_OR_RETURN(double count, RequireNumber(*lat, "count", "latency_ms.count", place));
  row.count = static_cast<long long>(count);
  EB_ASSIGN_OR_RETURN(std::optional<double> stride,
                      OptionalNumber(*lat, "samples_stride", "latency_ms.samples_stride", place));
  row.samples_stride = stride ? static_cast<int>(*stride) : 1;
  if (const json* ci = Member(*lat, "p50_ci95"); ci != nullptr && !ci->is_null()) {
    if (!ci->is_array() || ci->size() != 2 || !(*ci)[0].is_number() || !(*ci)[1].is_number()) {
      return place.Bad("latency_ms.p50_ci95", "must be null or an array of two numbers");
    }
    row.p50_ci95 = std::make_pair((*ci)[0].get<double>(), (*ci)[1].get<double>());
  }
  const json* samples = Member(*lat, "samples");
  if (samples == nullptr || !samples->is_array()) return place.Bad("latency_ms.samples", "must be an array");
  row.samples.reserve(samples->size());
  for (size_t i = 0; i < samples->size(); ++i) {
    if (!(*samples)[i].is_number()) {
      return place.Bad("latency_ms.samples[" + std::to_string(i) + "]", "must be a number");
    }
    row.samples.push_back((*samples)[i].get<double>());
  }
  return row;
}

Expected<MemoryRow> ReadMemory(const json& result, const Place& place) {
  MemoryRow row;
  const json* mem = Member(result, "memory");
  if (mem == nullptr || mem->is_null()) {
    const KnownNumber absent{std::nullopt, "no memory block in the result"};
    row.weights_bytes = row.peak_activation_bytes = row.scratch_bytes = row.rss_peak_bytes = absent;
    return row;
  }
  if (!mem->is_object()) return place.Bad("memory", "must be an object");
  EB_ASSIGN_OR_RETURN(row.weights_bytes, ReasonOr(*mem, "weights_bytes", "memory.weights_bytes", place));
  EB_ASSIGN_OR_RETURN(row.peak_activation_bytes,
                      ReasonOr(*mem, "peak_activation_bytes", "memory.peak_activation_bytes", place));
  EB_ASSIGN_OR_RETURN(row.scratch_bytes, ReasonOr(*mem, "scratch_bytes", "memory.scratch_bytes", place));
  EB_ASSIGN_OR_RETURN(row.rss_peak_bytes, ReasonOr(*mem, "rss_peak_bytes", "memory.rss_peak_bytes", place));
  if (const json* in_arena = Member(*mem, "scratch_in_arena"); in_arena != nullptr) {
    if (!in_arena->is_boolean()) return place.Bad("memory.scratch_in_arena", "must be a boolean");
    row.scratch_in_arena = in_arena->get<bool>();
  }
  return row;
}

Expected<EnergyRow> ReadEnergy(const json& result, const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* energy, RequireObject(result, "energy", "energy", place));
  EnergyRow row;
  EB_ASSIGN_OR_RETURN(row.kind, RequireString(*energy, "kind", "energy.kind", place));
  if (row.kind == "unknown") {
    EB_ASSIGN_OR_RETURN(std::string reason, OptionalString(*energy, "reason", "energy.reason", place));
    row.joules_per_inference = KnownNumber{std::nullopt, reason.empty() ? "no reason given" : reason};
    return row;
  }
  if (row.kind != "measured" && row.kind != "estimated") {
    return place.Bad("energy.kind", "must be measured, estimated or unknown (got '" + row.kind + "')");
  }
  EB_ASSIGN_OR_RETURN(row.joules_per_inference,
                      ReasonOr(*energy, "joules_per_inference", "energy.joules_per_inference", place));
  EB_ASSIGN_OR_RETURN(row.source, OptionalString(*energy, "source", "energy.source", place));
  return row;
}

Expected<AccuracyRow> ReadAccuracy(const json& result, const Place& place) {
  AccuracyRow row;
  const json* acc = Member(result, "accuracy");
  if (acc == nullptr || acc->is_null()) {
    row.unknown_reason = "no accuracy block in the result";
    return row;
  }
  if (!acc->is_object()) return place.Bad("accuracy", "must be an object");
  for (const char* metric : {"rel_l2", "cosine", "top1_agreement", "top1_accuracy", "max_abs_err", "mean_abs_err"}) {
    EB_ASSIGN_OR_RETURN(std::optional<double> v, OptionalNumber(*acc, metric, std::string("accuracy.") + metric, place));
    if (v) row.metrics[metric] = *v;
  }
  if (row.metrics.empty()) {
    EB_ASSIGN_OR_RETURN(std::string reason, OptionalString(*acc, "reason", "accuracy.reason", place));
    row.unknown_reason = reason.empty() ? "no accuracy metric in the result" : reason;
  }
  return row;
}

Expected<std::vector<OpRow>> ReadOps(const json& result, const Place& place) {
  std::vector<OpRow> ops;
  const json* list = Member(result, "ops");
  if (list == nullptr || list->is_null()) return ops;
  if (!list->is_array()) return place.Bad("ops", "must be an array");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& op = (*list)[i];
    const std::string field = "ops[" + std::to_string(i) + "]";
    if (!op.is_object()) return place.Bad(field, "must be an object");
    OpRow row;
    EB_ASSIGN_OR_RETURN(row.name, RequireString(op, "name", field + ".name", place));
    EB_ASSIGN_OR_RETURN(row.type, RequireString(op, "type", field + ".type", place));
    EB_ASSIGN_OR_RETURN(row.time_ms_p50, OptionalNumber(op, "time_ms_p50", field + ".time_ms_p50", place));
    ops.push_back(std::move(row));
  }
  return ops;
}

Expected<std::vector<ProjectionRow>> ReadProjections(const json& result, const Place& place) {
  std::vector<ProjectionRow> projections;
  const json* list = Member(result, "projections");
  if (list == nullptr || list->is_null()) return projections;
  if (!list->is_array()) return place.Bad("projections", "must be an array");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& p = (*list)[i];
    const std::string field = "projections[" + std::to_string(i) + "]";
    if (!p.is_object()) return place.Bad(field, "must be an object");
    ProjectionRow row;
    EB_ASSIGN_OR_RETURN(row.device, RequireString(p, "device", field + ".device", place));
    EB_ASSIGN_OR_RETURN(row.latency_ms, ReasonOr(p, "latency_ms", field + ".latency_ms", place));
    EB_ASSIGN_OR_RETURN(row.joules_per_inference,
                        ReasonOr(p, "joules_per_inference", field + ".joules_per_inference", place));
    const json* fits = Member(p, "fits");
    if (fits == nullptr || !fits->is_boolean()) return place.Bad(field + ".fits", "must be a boolean");
    row.fits = fits->get<bool>();
    EB_ASSIGN_OR_RETURN(row.fit_problems, Strings(p, "fit_problems", field + ".fit_problems", place));
    EB_ASSIGN_OR_RETURN(row.budget_problems, Strings(p, "budget_problems", field + ".budget_problems", place));
    projections.push_back(std::move(row));
  }
  return projections;
}

Expected<ResultRow> ReadResult(const json& result, const std::string& file) {
  Place place{file, result.value("config_key", std::string())};  // the envelope check made it a string
  ResultRow row;
  row.config_key = place.config_key;
  EB_ASSIGN_OR_RETURN(row.status, RequireString(result, "status", "status", place));
  EB_ASSIGN_OR_RETURN(const json* config, RequireObject(result, "config", "config", place));
  EB_ASSIGN_OR_RETURN(row.model, RequireString(*config, "model", "config.model", place));
  EB_ASSIGN_OR_RETURN(row.precision, RequireString(*config, "precision", "config.precision", place));
  EB_ASSIGN_OR_RETURN(row.backend, RequireString(*config, "backend", "config.backend", place));
  EB_ASSIGN_OR_RETURN(double threads, RequireNumber(*config, "threads", "config.threads", place));
  row.threads = static_cast<int>(threads);
  if (!row.ok()) {
    EB_ASSIGN_OR_RETURN(row.status_error, OptionalString(result, "error", "error", place));
    if (row.status_error.empty()) row.status_error = "no reason given";
    return row;
  }
  EB_ASSIGN_OR_RETURN(row.latency, ReadLatency(result, place));
  EB_ASSIGN_OR_RETURN(row.memory, ReadMemory(result, place));
  EB_ASSIGN_OR_RETURN(row.energy, ReadEnergy(result, place));
  EB_ASSIGN_OR_RETURN(row.accuracy, ReadAccuracy(result, place));
  EB_ASSIGN_OR_RETURN(row.ops, ReadOps(result, place));
  EB_ASSIGN_OR_RETURN(row.projections, ReadProjections(result, place));
  return row;
}

Expected<std::vector<DeviceTarget>> ReadTargets(const json& device, const std::string& file) {
  std::vector<DeviceTarget> targets;
  const Place place{file, ""};
  const json* list = Member(device, "targets");
  if (list == nullptr || list->is_null()) return targets;
  if (!list->is_array()) return place.Bad("device.targets", "must be an array");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& t = (*list)[i];
    const std::string field = "device.targets[" + std::to_string(i) + "]";
    if (!t.is_object()) return place.Bad(field, "must be an object");
    DeviceTarget target;
    EB_ASSIGN_OR_RETURN(target.id, RequireString(t, "id", field + ".id", place));
    EB_ASSIGN_OR_RETURN(target.name, OptionalString(t, "name", field + ".name", place));
    EB_ASSIGN_OR_RETURN(target.device_class, OptionalString(t, "class", field + ".class", place));
    // Sourced figures: {"value", "source"}; each may be absent from a profile.
    auto sourced = [&](const char* name, std::optional<double>* value, std::string* source) -> Status {
      const json* s = Member(t, name);
      if (s == nullptr || s->is_null()) return Status::Ok();
      const std::string sub = field + "." + name;
      if (!s->is_object()) return place.Bad(sub, "must be an object {value, source}");
      EB_ASSIGN_OR_RETURN(double v, RequireNumber(*s, "value", sub + ".value", place));
      *value = v;
      if (source != nullptr) {
        EB_ASSIGN_OR_RETURN(*source, OptionalString(*s, "source", sub + ".source", place));
      }
      return Status::Ok();
    };
    EB_RETURN_IF_ERROR(sourced("price_usd", &target.price_usd, &target.price_source));
    EB_RETURN_IF_ERROR(sourced("target_latency_ms", &target.target_latency_ms, nullptr));
    EB_RETURN_IF_ERROR(sourced("max_model_bytes", &target.max_model_bytes, nullptr));
    targets.push_back(std::move(target));
  }
  return targets;
}

std::string FileName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// run.id names a run best; a file name when ids are absent or repeat (a run
// given twice), and a position when even those repeat.
void AssignLabels(std::vector<RunRows>& runs, const std::vector<std::string>& ids) {
  std::set<std::string> seen_ids;
  bool ids_usable = true;
  for (const std::string& id : ids) ids_usable = ids_usable && !id.empty() && seen_ids.insert(id).second;
  std::set<std::string> labels;
  for (size_t i = 0; i < runs.size(); ++i) {
    std::string label = ids_usable ? ids[i] : FileName(runs[i].path);
    if (!labels.insert(label).second) label += " (#" + std::to_string(i + 1) + ")";
    runs[i].label = label;
  }
}

}  // namespace

Expected<std::vector<RunRows>> ReadResultRows(const ReportInput& input) {
  std::vector<RunRows> runs;
  std::vector<std::string> ids;
  for (const ResultsRun& run : input.runs) {
    const Place place{run.path, ""};
    if (!run.doc.is_object()) return place.Bad("(document)", "must be a JSON object");
    RunRows rows;
    rows.path = run.path;
    std::string id;
    if (const json* r = Member(run.doc, "run"); r != nullptr && r->is_object()) {
      EB_ASSIGN_OR_RETURN(id, OptionalString(*r, "id", "run.id", place));
      EB_ASSIGN_OR_RETURN(rows.started, OptionalString(*r, "started", "run.started", place));
    }
    ids.push_back(id);
    if (const json* device = Member(run.doc, "device"); device != nullptr && device->is_object()) {
      EB_ASSIGN_OR_RETURN(rows.host_device_id, OptionalString(*device, "id", "device.id", place));
      EB_ASSIGN_OR_RETURN(rows.targets, ReadTargets(*device, run.path));
    }
    const json* results = Member(run.doc, "results");
    if (results == nullptr || !results->is_array()) return place.Bad("results", "must be an array");
    for (const json& result : *results) {
      if (!result.is_object()) return place.Bad("results[]", "must hold objects");
      EB_ASSIGN_OR_RETURN(ResultRow row, ReadResult(result, run.path));
      rows.results.push_back(std::move(row));
    }
    runs.push_back(std::move(rows));
  }
  AssignLabels(runs, ids);
  return runs;
}

std::map<std::string, std::string> ShortConfigLabels(const std::vector<std::string>& keys) {
  std::vector<std::vector<std::string>> parts;
  size_t width = 0;
  for (const std::string& key : keys) {
    std::vector<std::string> p;
    std::stringstream in(key);
    for (std::string part; std::getline(in, part, '|');) p.push_back(part);
    width = std::max(width, p.size());
    parts.push_back(std::move(p));
  }
  std::vector<bool> varies(width, false);
  for (size_t i = 0; i < width; ++i) {
    std::set<std::string> values;
    for (const auto& p : parts) values.insert(i < p.size() ? p[i] : "");
    varies[i] = i == 0 || values.size() > 1;  // the model always shows
  }
  std::map<std::string, std::string> labels;
  for (size_t k = 0; k < keys.size(); ++k) {
    std::string label;
    for (size_t i = 0; i < parts[k].size(); ++i) {
      if (!varies[i]) continue;
      if (!label.empty()) label += " ";
      label += parts[k][i];
    }
    labels[keys[k]] = label;
  }
  return labels;
}

int PrecisionRank(const std::string& precision) {
  static const char* const kOrder[] = {"fp32", "fp16", "int8"};
  for (int i = 0; i < 3; ++i) {
    if (precision == kOrder[i]) return i;
  }
  return 3;
}

std::vector<LabeledResult> OkResults(const std::vector<RunRows>& runs) {
  std::vector<std::string> keys;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      if (row.ok()) keys.push_back(row.config_key);
    }
  }
  const std::map<std::string, std::string> labels = ShortConfigLabels(keys);
  std::vector<LabeledResult> out;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      if (!row.ok()) continue;
      std::string label = labels.at(row.config_key);
      if (runs.size() > 1) label += " #" + std::to_string(&run - runs.data() + 1);
      out.push_back({&run, &row, label});
    }
  }
  return out;
}

}  // namespace edgebench
