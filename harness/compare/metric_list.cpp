#include "harness/compare/metric_list.h"

#include <algorithm>
#include <cmath>

namespace edgebench {
namespace {

std::vector<CompareMetric> BuildMetrics() {
  using S = BootstrapStatistic;
  const S none = S::Mean();  // unused by deterministic metrics
  return {
      {"p50", MetricKind::kLatency, "ms", "/latency_ms/p50", S::Percentile(50), "median latency (nearest rank)"},
      {"p90", MetricKind::kLatency, "ms", "/latency_ms/p90", S::Percentile(90), "90th percentile latency"},
      {"p95", MetricKind::kLatency, "ms", "/latency_ms/p95", S::Percentile(95), "95th percentile latency"},
      {"p99", MetricKind::kLatency, "ms", "/latency_ms/p99", S::Percentile(99), "99th percentile latency"},
      {"mean", MetricKind::kLatency, "ms", "/latency_ms/mean", S::Mean(), "mean latency"},
      {"weights_bytes", MetricKind::kDeterministic, "bytes", "/memory/weights_bytes", none,
       "constant tensors as stored for the precision"},
      {"peak_activation_bytes", MetricKind::kDeterministic, "bytes", "/memory/peak_activation_bytes", none,
       "the planned activation arena (scratch included)"},
      {"activation_lower_bound_bytes", MetricKind::kDeterministic, "bytes", "/memory/activation_lower_bound_bytes",
       none, "the largest live set, which no static plan can beat"},
      {"scratch_bytes", MetricKind::kDeterministic, "bytes", "/memory/scratch_bytes", none,
       "the largest one step's packing/indirection need"},
  };
}

std::string KnownNames() {
  std::string names;
  for (const CompareMetric& metric : CompareMetrics()) names += (names.empty() ? "" : ", ") + std::string(metric.name);
  return names;
}

const CompareMetric* FindMetric(const std::string& name) {
  for (const CompareMetric& metric : CompareMetrics()) {
    if (name == metric.name) return &metric;
  }
  return nullptr;
}

}  // namespace

const char* MetricKindName(MetricKind kind) {
  return kind == MetricKind::kLatency ? "latency" : "deterministic";
}

const std::vector<CompareMetric>& CompareMetrics() {
  static const std::vector<CompareMetric> kCompareMetrics = BuildMetrics();
  return kCompareMetrics;
}

std::vector<const CompareMetric*> DefaultCompareMetrics() {
  // The median only among latency figures: on a shared machine a build on the
  // other core moves p90 of a stable model by tens of percent for seconds
  // (measured here: +22% to +83% between two runs whose p50 moved under 3%),
  // so tails gate only when asked for.
  return {FindMetric("p50"), FindMetric("peak_activation_bytes"), FindMetric("weights_bytes")};
}

Expected<std::vector<const CompareMetric*>> ParseMetricList(const std::string& text) {
  std::vector<const CompareMetric*> metrics;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (name.empty()) return InvalidArgument("--metrics '" + text + "': empty metric name; known: " + KnownNames());
    const CompareMetric* metric = FindMetric(name);
    if (metric == nullptr) {
      return InvalidArgument("--metrics: unknown metric '" + name + "'; known: " + KnownNames());
    }
    if (std::find(metrics.begin(), metrics.end(), metric) != metrics.end()) {
      return InvalidArgument("--metrics: '" + name + "' is listed twice");
    }
    metrics.push_back(metric);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return metrics;
}

std::string DescribeCompareMetrics() {
  std::string text;
  for (const CompareMetric& metric : CompareMetrics()) {
    text += "  " + std::string(metric.name) + " (" + metric.unit + ", " + MetricKindName(metric.kind) +
            "): " + metric.meaning + "\n";
  }
  return text;
}

std::string MetricFieldPath(const CompareMetric& metric) {
  std::string path = metric.field + 1;  // drop the pointer's leading '/'
  std::replace(path.begin(), path.end(), '/', '.');
  return path;
}

Expected<MetricFigure> ReadMetricFigure(const CompareMetric& metric, const nlohmann::json& result,
                                        const std::string& where) {
  const nlohmann::json::json_pointer pointer(metric.field);
  const std::string field = MetricFieldPath(metric);
  if (!result.contains(pointer)) {
    return InvalidArgument(where + ": field '" + field + "' is missing (needed by metric '" + metric.name + "')");
  }
  const nlohmann::json& value = result.at(pointer);
  MetricFigure figure;
  if (value.is_number()) {
    const double number = value.get<double>();
    if (!std::isfinite(number) || number < 0) {
      return InvalidArgument(where + ": field '" + field + "' must be a finite, non-negative number");
    }
    figure.value = number;
    return figure;
  }
  if (metric.kind == MetricKind::kDeterministic && value == "unknown") {
    const nlohmann::json::json_pointer reason_pointer(std::string(metric.field) + "_reason");
    figure.unknown_reason = result.contains(reason_pointer) && result.at(reason_pointer).is_string()
                                ? result.at(reason_pointer).get<std::string>()
                                : "no reason given";
    return figure;
  }
  return InvalidArgument(where + ": field '" + field + "' must be a number (needed by metric '" + metric.name +
                         "')");
}

Expected<std::vector<double>> ReadLatencySamples(const nlohmann::json& result, const std::string& where) {
  const nlohmann::json::json_pointer pointer("/latency_ms/samples");
  if (!result.contains(pointer) || !result.at(pointer).is_array()) {
    return InvalidArgument(where + ": field 'latency_ms.samples' is missing or not an array (latency metrics " +
                           "test the raw samples)");
  }
  const nlohmann::json& samples = result.at(pointer);
  if (samples.empty()) return InvalidArgument(where + ": field 'latency_ms.samples' is empty");
  std::vector<double> values;
  values.reserve(samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    if (!samples[i].is_number() || !std::isfinite(samples[i].get<double>()) || samples[i].get<double>() < 0) {
      return InvalidArgument(where + ": field 'latency_ms.samples[" + std::to_string(i) +
                             "]' must be a finite, non-negative number");
    }
    values.push_back(samples[i].get<double>());
  }
  return values;
}

Expected<std::vector<size_t>> ReadRepetitionStarts(const nlohmann::json& result, const std::string& where) {
  const nlohmann::json& latency = result.at("latency_ms");
  if (!latency.contains("repetitions")) return std::vector<size_t>{0};
  const auto bad = [&](const std::string& what) {
    return InvalidArgument(where + ": field 'latency_ms." + what);
  };
  const nlohmann::json& repetitions = latency["repetitions"];
  if (!repetitions.is_array() || repetitions.empty()) return bad("repetitions' must be a non-empty array");
  int64_t stride = 1;
  if (latency.contains("samples_stride")) {
    if (!latency["samples_stride"].is_number_integer() || latency["samples_stride"].get<int64_t>() < 1) {
      return bad("samples_stride' must be a positive integer");
    }
    stride = latency["samples_stride"].get<int64_t>();
  }
  std::vector<size_t> starts;
  int64_t measured = 0;
  for (size_t k = 0; k < repetitions.size(); ++k) {
    const nlohmann::json& count = repetitions[k].is_object() ? repetitions[k].value("count", nlohmann::json()) : nlohmann::json();
    if (!count.is_number_integer() || count.get<int64_t>() < 1) {
      return bad("repetitions[" + std::to_string(k) + "].count' must be a positive integer");
    }
    starts.push_back(static_cast<size_t>((measured + stride - 1) / stride));  // first stored index at or after it
    measured += count.get<int64_t>();
  }
  if (!latency.contains("count") || !latency["count"].is_number_integer() || latency["count"].get<int64_t>() != measured) {
    return bad("repetitions[].count' must add up to latency_ms.count (" + std::to_string(measured) + ")");
  }
  // Every kth of `measured` samples stored: ceil(measured / k) of them.
  const auto stored = static_cast<size_t>((measured + stride - 1) / stride);
  if (!latency.contains("samples") || !latency["samples"].is_array() || latency["samples"].size() != stored) {
    return bad("samples' must hold " + std::to_string(stored) + " values: every " + std::to_string(stride) +
               "th of latency_ms.count = " + std::to_string(measured));
  }
  return starts;
}

}  // namespace edgebench
