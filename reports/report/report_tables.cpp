#include "reports/report/report_tables.h"

#include "reports/report/result_fields.h"

namespace edgebench {
namespace {

using json = nlohmann::json;

// A metadata string, or what the file lacks: metadata is shown, never computed with.
Expected<std::string> MetadataString(const json& obj, const std::string& field, const FieldPlace& place,
                                     const std::string& prefix) {
  EB_ASSIGN_OR_RETURN(std::optional<std::string> value, ReadOptionalString(obj, field, place, prefix));
  return value.value_or("not recorded");
}

Expected<RunMetadata> ReadRunMetadata(const ResultsRun& run) {
  const FieldPlace place{run.path, ""};
  const json& doc = run.doc;
  static const json kEmpty = json::object();
  auto section = [&](const json& obj, const char* field) -> const json& {
    return obj.contains(field) && obj[field].is_object() ? obj[field] : kEmpty;
  };
  const json& r = section(doc, "run");
  RunMetadata meta;
  meta.path = run.path;
  EB_ASSIGN_OR_RETURN(meta.suite, MetadataString(r, "suite", place, "run."));
  EB_ASSIGN_OR_RETURN(meta.git_sha, MetadataString(r, "git_sha", place, "run."));
  EB_ASSIGN_OR_RETURN(meta.started, MetadataString(r, "started", place, "run."));
  EB_ASSIGN_OR_RETURN(meta.finished, MetadataString(r, "finished", place, "run."));
  EB_ASSIGN_OR_RETURN(meta.build_type, MetadataString(section(r, "build"), "type", place, "run.build."));
  EB_ASSIGN_OR_RETURN(meta.host_cpu, MetadataString(section(doc, "host"), "cpu_model", place, "host."));
  const json& device = section(doc, "device");
  EB_ASSIGN_OR_RETURN(meta.device_id, MetadataString(device, "id", place, "device."));
  EB_ASSIGN_OR_RETURN(meta.device_mode, MetadataString(device, "mode", place, "device."));
  EB_ASSIGN_OR_RETURN(std::optional<std::string> reason, ReadOptionalString(device, "mode_reason", place, "device."));
  meta.device_mode_reason = reason.value_or("");
  return meta;
}

Expected<ConfigRow> ReadConfigRow(const json& result, const FieldPlace& place, const std::string& status) {
  ConfigRow row;
  row.run_path = place.file;
  row.config_key = place.config_key;
  row.status = status;
  EB_ASSIGN_OR_RETURN(const json* config, ReadObject(result, "config", place));
  EB_ASSIGN_OR_RETURN(row.model, ReadString(*config, "model", place, "config."));
  EB_ASSIGN_OR_RETURN(row.precision, ReadString(*config, "precision", place, "config."));
  EB_ASSIGN_OR_RETURN(row.backend, ReadString(*config, "backend", place, "config."));
  EB_ASSIGN_OR_RETURN(double threads, ReadNumber(*config, "threads", place, "config."));
  row.threads = static_cast<int>(threads);
  if (status != "ok") {
    EB_ASSIGN_OR_RETURN(std::optional<std::string> error, ReadOptionalString(result, "error", place));
    const Figure none = Figure::Unknown(status + ": " + error.value_or("no error message in the results file"));
    row.p50_ms = row.p90_ms = row.p99_ms = row.throughput_ips = none;
    row.weights_bytes = row.peak_activation_bytes = row.joules_per_inference = none;
    row.p50_ci95_missing = none.unknown_reason;
    return row;
  }
  EB_ASSIGN_OR_RETURN(const json* latency, ReadObject(result, "latency_ms", place));
  EB_ASSIGN_OR_RETURN(row.p50_ms, ReadFigure(*latency, "p50", "measured", place, "latency_ms."));
  EB_ASSIGN_OR_RETURN(row.p90_ms, ReadFigure(*latency, "p90", "measured", place, "latency_ms."));
  EB_ASSIGN_OR_RETURN(row.p99_ms, ReadFigure(*latency, "p99", "measured", place, "latency_ms."));
  const json& ci = latency->contains("p50_ci95") ? (*latency)["p50_ci95"] : json();
  if (ci.is_array() && ci.size() == 2 && ci[0].is_number() && ci[1].is_number()) {
    row.p50_ci95 = std::make_pair(ci[0].get<double>(), ci[1].get<double>());
  } else if (ci.is_null()) {
    // The schema's meaning of null; the warnings say how many samples were missing.
    row.p50_ci95_missing = "too few samples for a distribution-free 95% interval";
  } else {
    return InvalidArgument(place.Name("latency_ms.p50_ci95") + " must be [low, high] or null");
  }
  const json& throughput = result.contains("throughput_ips") ? result["throughput_ips"] : json();
  if (throughput.is_number()) {
    row.throughput_ips = Figure::Known(throughput.get<double>(), "measured");
  } else if (throughput.is_null()) {
    row.throughput_ips = Figure::Unknown("throughput not recorded (null in the results file)");
  } else {
    return InvalidArgument(place.Name("throughput_ips") + " must be a number or null");
  }
  EB_ASSIGN_OR_RETURN(const json* memory, ReadObject(result, "memory", place));
  // Weights and the arena are the runtime's planned sizes, exact rather than sampled.
  EB_ASSIGN_OR_RETURN(row.weights_bytes, ReadFigure(*memory, "weights_bytes", "measured", place, "memory."));
  EB_ASSIGN_OR_RETURN(row.peak_activation_bytes,
                      ReadFigure(*memory, "peak_activation_bytes", "measured", place, "memory."));
  EB_ASSIGN_OR_RETURN(const json* energy, ReadObject(result, "energy", place));
  EB_ASSIGN_OR_RETURN(std::string kind, ReadString(*energy, "kind", place, "energy."));
  if (kind == "unknown") {
    EB_ASSIGN_OR_RETURN(std::optional<std::string> reason, ReadOptionalString(*energy, "reason", place, "energy."));
    row.joules_per_inference = Figure::Unknown(reason.value_or("no reason given in the results file"));
  } else {
    EB_ASSIGN_OR_RETURN(row.joules_per_inference, ReadFigure(*energy, "joules_per_inference", kind, place, "energy."));
  }
  if (result.contains("warnings")) {
    EB_ASSIGN_OR_RETURN(row.warnings, ReadStrings(result, "warnings", place));
  }
  return row;
}

void AddToGroup(const std::string& status, const std::string& reason, const std::string& key,
                std::vector<NotRunGroup>* groups) {
  for (NotRunGroup& g : *groups) {
    if (g.status == status && g.reason == reason) {
      g.config_keys.push_back(key);
      return;
    }
  }
  groups->push_back({status, reason, {key}});
}

}  // namespace

Expected<ReportTables> BuildReportTables(const ReportInput& input) {
  ReportTables tables;
  for (const ResultsRun& run : input.runs) {
    EB_ASSIGN_OR_RETURN(RunMetadata meta, ReadRunMetadata(run));
    tables.runs.push_back(std::move(meta));
    for (const json& result : run.doc["results"]) {
      // config_key and status are strings: CheckResultsEnvelope saw to it.
      const FieldPlace place{run.path, result["config_key"].get<std::string>()};
      const std::string status = result["status"].get<std::string>();
      if (status != "ok") {
        EB_ASSIGN_OR_RETURN(std::optional<std::string> error, ReadOptionalString(result, "error", place));
        AddToGroup(status, error.value_or("no error message in the results file"), place.config_key,
                   &tables.not_run);
        if (status == "unsupported") continue;
      }
      EB_ASSIGN_OR_RETURN(ConfigRow row, ReadConfigRow(result, place, status));
      tables.configs.push_back(std::move(row));
    }
  }
  return tables;
}

}  // namespace edgebench
