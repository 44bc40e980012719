// The results files of a report as tidy typed rows, one per configuration and
// run: the one typed reading of a result that the charts and the report share.
// ReadResultsJson checks only the envelope; every field used here is checked
// for its type while reading, so a malformed field becomes an error naming the
// file, the configuration key and the field, never a nlohmann::json exception.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/report_input.h"
#include "runtime/core/status.h"

namespace edgebench {

// A number the results file states, with what it is ("measured", "estimated",
// "projected"), or unknown with the reason the file gives.
struct Figure {
  std::optional<double> value;  // absent: unknown
  std::string kind;
  std::string unknown_reason;   // why there is no value; empty when there is one

  bool known() const { return value.has_value(); }
  static Figure Known(double v, std::string kind) { return {v, std::move(kind), ""}; }
  static Figure Unknown(std::string reason) { return {std::nullopt, "", std::move(reason)}; }
};

// A number from a device profile, with the datasheet, page or model it came from.
struct SourcedNumber {
  double value = 0;
  std::string source;
};

struct OpRow {
  std::string name;
  std::string type;
  std::optional<double> time_ms_p50;  // absent without the per-op pass
};

struct ProjectionRow {
  std::string device;
  Figure latency_ms;            // kind "projected"
  Figure joules_per_inference;  // kind "estimated": the target's power model over the projected latency
  bool fits = false;
  std::vector<std::string> fit_problems;
  std::vector<std::string> budget_problems;
};

struct LatencyRow {
  double p50 = 0, p90 = 0, p99 = 0;
  std::optional<std::pair<double, double>> p50_ci95;  // null when too few samples
  std::vector<double> samples;                        // every samples_stride-th measured sample
  int samples_stride = 1;
  long long count = 0;                                // samples measured (statistics use all)
};

// Weights and the arena are the runtime's planned sizes, exact rather than
// sampled, so every figure here is of kind "measured".
struct MemoryRow {
  Figure weights_bytes;
  Figure peak_activation_bytes;  // the planned arena, scratch included when scratch_in_arena
  Figure scratch_bytes;
  Figure rss_peak_bytes;
  bool scratch_in_arena = false;
};

struct EnergyRow {
  std::string kind;              // measured, estimated or unknown
  Figure joules_per_inference;   // of `kind`, or unknown with energy.reason
  std::string source;            // the sensor or model, for measured/estimated
};

// accuracy: {"available": false, "reason"} today; later the deltas of DESIGN.md.
struct AccuracyRow {
  std::map<std::string, double> metrics;  // rel_l2, cosine, top1_agreement, top1_accuracy, … when present
  std::string unknown_reason;             // when no metric is present
};

struct ResultRow {
  std::string config_key;
  std::string model, precision, backend;
  int threads = 1;
  std::string status;        // ok, error, timeout, unsupported
  std::string status_error;  // the result's "error" when not ok
  // Present only for status ok.
  LatencyRow latency;
  Figure throughput_ips;     // measured, or unknown when null
  MemoryRow memory;
  EnergyRow energy;
  AccuracyRow accuracy;
  std::vector<OpRow> ops;
  std::vector<ProjectionRow> projections;
  std::vector<std::string> warnings;

  bool ok() const { return status == "ok"; }
};

// A device profile: device.host_profile or one of device.targets[].
struct DeviceRow {
  std::string id;
  std::string name;          // empty when the profile gives none
  std::string device_class;  // "x86-ipc", "sbc", …; may be empty
  std::optional<SourcedNumber> price_usd;
  std::optional<SourcedNumber> target_latency_ms;
  std::optional<SourcedNumber> max_model_bytes;
};

// The device block: the machine that measured (or the one projected onto)
// and the projection targets.
struct DeviceBlock {
  std::string id;
  std::string name;         // empty when absent
  std::string mode;         // measured or projected
  std::string mode_reason;  // why projected; empty when measured
  DeviceRow host_profile;
  std::vector<DeviceRow> targets;
};

// Run metadata, shown and never computed with; each empty when absent.
struct RunInfo {
  std::string id;
  std::string suite;
  std::string git_sha;
  std::string started;
  std::string finished;
  std::string build_type;
  std::string host_cpu;
};

struct RunRows {
  std::string path;
  std::string label;  // run.id, or the file name when ids are absent or repeat
  RunInfo info;
  DeviceBlock device;
  std::vector<ResultRow> results;
};

// Every run of the input, in order. Fails naming file, config key and field.
Expected<std::vector<RunRows>> ReadResultRows(const ReportInput& input);

}  // namespace edgebench
