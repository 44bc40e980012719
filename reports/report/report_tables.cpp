#include "reports/report/report_tables.h"

namespace edgebench {
namespace {

// Metadata is shown, never computed with: what the file lacks says so.
std::string Recorded(const std::string& value) { return value.empty() ? "not recorded" : value; }

RunMetadata MetadataOf(const RunRows& run) {
  RunMetadata meta;
  meta.path = run.path;
  meta.suite = Recorded(run.info.suite);
  meta.git_sha = Recorded(run.info.git_sha);
  meta.started = Recorded(run.info.started);
  meta.finished = Recorded(run.info.finished);
  meta.build_type = Recorded(run.info.build_type);
  meta.host_cpu = Recorded(run.info.host_cpu);
  meta.device_id = Recorded(run.device.id);
  meta.device_mode = Recorded(run.device.mode);
  meta.device_mode_reason = run.device.mode_reason;
  return meta;
}

ConfigRow ConfigRowOf(const ResultRow& result, const std::string& run_path) {
  ConfigRow row;
  row.run_path = run_path;
  row.config_key = result.config_key;
  row.status = result.status;
  row.model = result.model;
  row.precision = result.precision;
  row.backend = result.backend;
  row.threads = result.threads;
  if (!result.ok()) {
    const Figure none = Figure::Unknown(result.status + ": " + result.status_error);
    row.p50_ms = row.p90_ms = row.p99_ms = row.throughput_ips = none;
    row.weights_bytes = row.peak_activation_bytes = row.joules_per_inference = none;
    row.p50_ci95_missing = none.unknown_reason;
    return row;
  }
  row.p50_ms = Figure::Known(result.latency.p50, "measured");
  row.p90_ms = Figure::Known(result.latency.p90, "measured");
  row.p99_ms = Figure::Known(result.latency.p99, "measured");
  row.p50_ci95 = result.latency.p50_ci95;
  // The schema's meaning of null; the warnings say how many samples were missing.
  if (!row.p50_ci95) row.p50_ci95_missing = "too few samples for a distribution-free 95% interval";
  row.throughput_ips = result.throughput_ips;
  row.weights_bytes = result.memory.weights_bytes;
  row.peak_activation_bytes = result.memory.peak_activation_bytes;
  row.joules_per_inference = result.energy.joules_per_inference;
  row.warnings = result.warnings;
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

ReportTables BuildReportTables(const std::vector<RunRows>& runs) {
  ReportTables tables;
  for (const RunRows& run : runs) {
    tables.runs.push_back(MetadataOf(run));
    for (const ResultRow& result : run.results) {
      if (!result.ok()) {
        AddToGroup(result.status, result.status_error, result.config_key, &tables.not_run);
        if (result.status == "unsupported") continue;
      }
      tables.configs.push_back(ConfigRowOf(result, run.path));
    }
  }
  return tables;
}

}  // namespace edgebench
