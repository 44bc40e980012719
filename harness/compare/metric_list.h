// The metrics `edgebench compare` knows: ONE list, from which the CLI
// validates --metrics, --help lists them, and every output names them and
// their units. Adding a metric is adding a row to kCompareMetrics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "profilers/latency/bootstrap.h"
#include "runtime/core/status.h"

namespace edgebench {

enum class MetricKind {
  // Measured with noise: the raw samples are tested (Mann-Whitney U) and the
  // change gets a bootstrap interval.
  kLatency,
  // Fixed by the model and the memory plan: compared exactly to the threshold.
  kDeterministic,
};

const char* MetricKindName(MetricKind kind);

struct CompareMetric {
  const char* name;   // as given to --metrics, e.g. "p50"
  MetricKind kind;
  const char* unit;   // "ms" or "bytes"
  // The figure in a result, as a JSON pointer, e.g. "/latency_ms/p50".
  const char* field;
  // kLatency only: the same statistic computed on latency_ms.samples.
  BootstrapStatistic statistic;
  const char* meaning;  // one line for --help and the reports
};

// Every metric, latency first.
const std::vector<CompareMetric>& CompareMetrics();

// p50, peak_activation_bytes, weights_bytes (why not p90: metric_list.cpp).
std::vector<const CompareMetric*> DefaultCompareMetrics();

// Parses a comma-separated list such as "p50,p99,weights_bytes". Errors name
// the unknown metric and list the known ones; duplicates and empty names are
// errors too.
Expected<std::vector<const CompareMetric*>> ParseMetricList(const std::string& text);

// "name (unit): meaning" lines, for --help.
std::string DescribeCompareMetrics();

// The field written as a dotted path, "latency_ms.p50", for messages.
std::string MetricFieldPath(const CompareMetric& metric);

// A metric's figure in one result. `where` names the file and the config key
// for errors. Deterministic figures may be "unknown" in a valid file: that
// returns std::nullopt with `unknown_reason` set, not an error.
struct MetricFigure {
  std::optional<double> value;
  std::string unknown_reason;
};
Expected<MetricFigure> ReadMetricFigure(const CompareMetric& metric, const nlohmann::json& result,
                                        const std::string& where);

// latency_ms.samples of one result: a non-empty array of finite, non-negative numbers.
Expected<std::vector<double>> ReadLatencySamples(const nlohmann::json& result, const std::string& where);

// Where each repetition's stored samples begin in latency_ms.samples, from
// latency_ms.repetitions[].count (measured samples per repetition) and
// latency_ms.samples_stride (every kth measured sample is stored): stored
// sample j is measured sample j * stride. {0} when the result lists no
// repetitions. Errors: counts that do not add up to latency_ms.count, or a
// samples array whose length is not ceil(count / stride).
Expected<std::vector<size_t>> ReadRepetitionStarts(const nlohmann::json& result, const std::string& where);

}  // namespace edgebench
