// The tables after the key table: run metadata, one row per configuration
// that ran, and the configurations that did not run grouped by reason.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/results/result_rows.h"

namespace edgebench {

struct RunMetadata {
  std::string path;
  std::string suite;
  std::string host_cpu;
  std::string build_type;
  std::string git_sha;
  std::string started;
  std::string finished;  // "unknown ..." when the run did not finish
  std::string device_id;
  std::string device_mode;         // measured or projected
  std::string device_mode_reason;  // why projected; empty when measured
};

// A configuration with status ok, error or timeout (unsupported ones never ran).
struct ConfigRow {
  std::string run_path;
  std::string config_key;
  std::string model;
  std::string precision;
  std::string backend;
  int threads = 0;
  std::string status;
  // Measured latency and throughput; unknown (with the error) when it did not run.
  Figure p50_ms;
  Figure p90_ms;
  Figure p99_ms;
  std::optional<std::pair<double, double>> p50_ci95;
  std::string p50_ci95_missing;  // why there is no interval
  Figure throughput_ips;
  Figure weights_bytes;
  Figure peak_activation_bytes;
  Figure joules_per_inference;
  std::vector<std::string> warnings;
};

// Configurations that did not produce figures, grouped by (status, reason).
struct NotRunGroup {
  std::string status;  // unsupported, error, timeout
  std::string reason;
  std::vector<std::string> config_keys;
};

struct ReportTables {
  std::vector<RunMetadata> runs;
  std::vector<ConfigRow> configs;
  std::vector<NotRunGroup> not_run;  // in order of first appearance
};

// The rows were checked when read (ReadResultRows), so building cannot fail.
ReportTables BuildReportTables(const std::vector<RunRows>& runs);

}  // namespace edgebench
