// The results files of a report as tidy rows, one per configuration and run:
// only the fields the charts draw, each checked for its type while reading so
// a malformed field becomes an error naming the file, the configuration key
// and the field, never a nlohmann::json exception.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reports/report_input.h"
#include "runtime/core/status.h"

namespace edgebench {

// A number the results file states, or "unknown" with the reason it gives.
struct KnownNumber {
  std::optional<double> value;
  std::string unknown_reason;

  bool known() const { return value.has_value(); }
};

struct OpRow {
  std::string name;
  std::string type;
  std::optional<double> time_ms_p50;  // absent without the per-op pass
};

struct ProjectionRow {
  std::string device;
  KnownNumber latency_ms;
  KnownNumber joules_per_inference;
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

struct MemoryRow {
  KnownNumber weights_bytes;
  KnownNumber peak_activation_bytes;  // the planned arena, scratch included when scratch_in_arena
  KnownNumber scratch_bytes;
  KnownNumber rss_peak_bytes;
  bool scratch_in_arena = false;
};

struct EnergyRow {
  std::string kind;  // measured, estimated or unknown
  KnownNumber joules_per_inference;
  std::string source;  // the sensor or model, for measured/estimated
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
  MemoryRow memory;
  EnergyRow energy;
  AccuracyRow accuracy;
  std::vector<OpRow> ops;
  std::vector<ProjectionRow> projections;

  bool ok() const { return status == "ok"; }
};

// A device profile of device.targets[]: what hardware_selection draws besides
// the projections.
struct DeviceTarget {
  std::string id;
  std::string name;
  std::string device_class;
  std::optional<double> price_usd;
  std::string price_source;
  std::optional<double> target_latency_ms;
  std::optional<double> max_model_bytes;
};

struct RunRows {
  std::string path;
  std::string label;    // run.id, or the file name when ids are absent or repeat
  std::string started;  // run.started, may be empty
  std::string host_device_id;  // device.id of the measuring host
  std::vector<ResultRow> results;
  std::vector<DeviceTarget> targets;
};

// Every run of the input, in order. Fails naming file, config key and field.
Expected<std::vector<RunRows>> ReadResultRows(const ReportInput& input);

// Short labels for config keys: the model plus every other key part that
// differs among `keys` ("mobilenet_v2 fp16 t2"), so a chart never repeats
// "|ref|b1|all|none|single_stream" on every tick.
std::map<std::string, std::string> ShortConfigLabels(const std::vector<std::string>& keys);

// fp32, fp16, int8 first (the order people compare them in), then the rest.
int PrecisionRank(const std::string& precision);

// An ok result with the label charts draw for it: its short config label,
// plus "#k" (the k-th run given) when the report has several runs; run ids
// are too long for tick labels, so captions say which run is #k (RunsSentence).
struct LabeledResult {
  const RunRows* run;
  const ResultRow* row;
  std::string label;
};

// Every ok result of every run, in run order then file order.
std::vector<LabeledResult> OkResults(const std::vector<RunRows>& runs);

}  // namespace edgebench
