#include "reports/results/result_rows.h"

#include <cmath>

#include "reports/results/result_rows_fields.h"
#include "reports/results/result_rows_run.h"

namespace edgebench {
namespace {

using nlohmann::json;
using namespace result_rows_detail;

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
  if (stride && (*stride < 1 || *stride > 1e9 || *stride != std::floor(*stride))) {
    return place.Bad("latency_ms.samples_stride", "must be a positive integer");
  }
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

Expected<Figure> ReadThroughput(const json& result, const Place& place) {
  EB_ASSIGN_OR_RETURN(std::optional<double> ips, OptionalNumber(result, "throughput_ips", "throughput_ips", place));
  if (!ips) return Figure::Unknown("throughput not recorded (null in the results file)");
  return Figure::Known(*ips, "measured");
}

Expected<MemoryRow> ReadMemory(const json& result, const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* mem, RequireObject(result, "memory", "memory", place));
  MemoryRow row;
  EB_ASSIGN_OR_RETURN(row.weights_bytes, ReadFigure(*mem, "weights_bytes", "measured", "memory.weights_bytes", place));
  EB_ASSIGN_OR_RETURN(row.peak_activation_bytes, ReadFigure(*mem, "peak_activation_bytes", "measured",
                                                            "memory.peak_activation_bytes", place));
  EB_ASSIGN_OR_RETURN(row.scratch_bytes, ReadFigure(*mem, "scratch_bytes", "measured", "memory.scratch_bytes", place));
  EB_ASSIGN_OR_RETURN(row.rss_peak_bytes,
                      ReadFigure(*mem, "rss_peak_bytes", "measured", "memory.rss_peak_bytes", place));
  if (const json* in_arena = Member(*mem, "scratch_in_arena"); in_arena != nullptr) {
    EB_ASSIGN_OR_RETURN(row.scratch_in_arena, RequireBool(*mem, "scratch_in_arena", "memory.scratch_in_arena", place));
  }
  return row;
}

Expected<EnergyRow> ReadEnergy(const json& result, const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* energy, RequireObject(result, "energy", "energy", place));
  EnergyRow row;
  EB_ASSIGN_OR_RETURN(row.kind, RequireString(*energy, "kind", "energy.kind", place));
  if (row.kind == "unknown") {
    EB_ASSIGN_OR_RETURN(std::string reason, OptionalString(*energy, "reason", "energy.reason", place));
    row.joules_per_inference = Figure::Unknown(reason.empty() ? "no reason given in the results file" : reason);
    return row;
  }
  if (row.kind != "measured" && row.kind != "estimated") {
    return place.Bad("energy.kind", "must be measured, estimated or unknown (got '" + row.kind + "')");
  }
  EB_ASSIGN_OR_RETURN(row.joules_per_inference, ReadFigure(*energy, "joules_per_inference", row.kind,
                                                           "energy.joules_per_inference", place));
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
  if (list == nullptr || !list->is_array()) return place.Bad("projections", "must be an array");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& p = (*list)[i];
    const std::string field = "projections[" + std::to_string(i) + "]";
    if (!p.is_object()) return place.Bad(field, "must be an object");
    ProjectionRow row;
    EB_ASSIGN_OR_RETURN(row.device, RequireString(p, "device", field + ".device", place));
    EB_ASSIGN_OR_RETURN(row.latency_ms, ReadFigure(p, "latency_ms", "projected", field + ".latency_ms", place));
    EB_ASSIGN_OR_RETURN(row.joules_per_inference, ReadFigure(p, "joules_per_inference", "estimated",
                                                             field + ".joules_per_inference", place));
    EB_ASSIGN_OR_RETURN(row.fits, RequireBool(p, "fits", field + ".fits", place));
    EB_ASSIGN_OR_RETURN(row.fit_problems, RequireStrings(p, "fit_problems", field + ".fit_problems", place));
    EB_ASSIGN_OR_RETURN(row.budget_problems,
                        RequireStrings(p, "budget_problems", field + ".budget_problems", place));
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
    if (row.status_error.empty()) row.status_error = "no error message in the results file";
    return row;
  }
  EB_ASSIGN_OR_RETURN(row.latency, ReadLatency(result, place));
  EB_ASSIGN_OR_RETURN(row.throughput_ips, ReadThroughput(result, place));
  EB_ASSIGN_OR_RETURN(row.memory, ReadMemory(result, place));
  EB_ASSIGN_OR_RETURN(row.energy, ReadEnergy(result, place));
  EB_ASSIGN_OR_RETURN(row.accuracy, ReadAccuracy(result, place));
  EB_ASSIGN_OR_RETURN(row.ops, ReadOps(result, place));
  EB_ASSIGN_OR_RETURN(row.projections, ReadProjections(result, place));
  if (Member(result, "warnings") != nullptr) {
    EB_ASSIGN_OR_RETURN(row.warnings, RequireStrings(result, "warnings", "warnings", place));
  }
  return row;
}

}  // namespace

Expected<std::vector<RunRows>> ReadResultRows(const ReportInput& input) {
  std::vector<RunRows> runs;
  for (const ResultsRun& run : input.runs) {
    const Place place{run.path, ""};
    if (!run.doc.is_object()) return place.Bad("(document)", "must be a JSON object");
    RunRows rows;
    rows.path = run.path;
    EB_ASSIGN_OR_RETURN(rows.info, ReadRunInfo(run.doc, place));
    EB_ASSIGN_OR_RETURN(rows.device, ReadDeviceBlock(run.doc, place));
    const json* results = Member(run.doc, "results");
    if (results == nullptr || !results->is_array()) return place.Bad("results", "must be an array");
    for (const json& result : *results) {
      if (!result.is_object()) return place.Bad("results[]", "must hold objects");
      EB_ASSIGN_OR_RETURN(ResultRow row, ReadResult(result, run.path));
      rows.results.push_back(std::move(row));
    }
    runs.push_back(std::move(rows));
  }
  AssignRunLabels(&runs);
  return runs;
}

}  // namespace edgebench
