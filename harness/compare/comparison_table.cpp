#include "harness/compare/comparison_table.h"

#include <cmath>
#include <cstdio>

namespace edgebench {
namespace {

std::string Printf(const char* format, double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

std::string FormatFigure(const CompareMetric& metric, std::optional<double> value) {
  if (!value) return "unknown";
  if (metric.kind == MetricKind::kDeterministic) return Printf("%.0f B", *value);
  return Printf("%.4g", *value) + " " + metric.unit;
}

std::string FormatChange(std::optional<double> change) {
  return change ? Printf("%+.2f%%", *change * 100) : "-";
}

// A bound is infinite when some resample's base statistic was 0 (see
// bootstrap.h): no relative change bounds it.
std::string FormatBound(double fraction) {
  return std::isfinite(fraction) ? Printf("%+.2f%%", fraction * 100) : "unbounded";
}

std::string FormatInterval(const std::optional<RelativeChangeInterval>& interval) {
  if (!interval) return "-";
  return "[" + FormatBound(interval->lower) + ", " + FormatBound(interval->upper) + "]";
}

std::string FormatPValue(const std::optional<MannWhitneyResult>& test) {
  if (!test) return "-";
  // Below the smallest normal double the tail has underflowed to 0.
  if (test->p_value < 1e-300) return "<1e-300";
  return Printf("%.2g", test->p_value);
}

ComparisonTable BuildComparisonTable(const Comparison& comparison) {
  ComparisonTable table;
  table.header = {"config key", "metric", "base", "new", "change", "CI95 of change", "p-value", "verdict"};
  for (const ConfigComparison& config : comparison.configs) {
    if (config.metrics.empty()) {
      table.rows.push_back({config.config_key, "status", config.base_status.empty() ? "-" : config.base_status,
                            config.candidate_status.empty() ? "-" : config.candidate_status, "-", "-", "-",
                            VerdictName(config.verdict)});
      continue;
    }
    for (const MetricComparison& metric : config.metrics) {
      table.rows.push_back({config.config_key, metric.metric->name, FormatFigure(*metric.metric, metric.base),
                            FormatFigure(*metric.metric, metric.candidate), FormatChange(metric.change),
                            FormatInterval(metric.interval), FormatPValue(metric.test), VerdictName(metric.verdict)});
    }
  }
  return table;
}

std::vector<std::string> VerdictReasons(const Comparison& comparison) {
  std::vector<std::string> lines;
  for (const ConfigComparison& config : comparison.configs) {
    if (config.metrics.empty() && !config.note.empty()) {
      lines.push_back(config.config_key + ": " + VerdictName(config.verdict) + " (" + config.note + ")");
    }
    for (const MetricComparison& metric : config.metrics) {
      if (metric.verdict == Verdict::kUnchanged) continue;
      lines.push_back(config.config_key + " " + metric.metric->name + ": " + VerdictName(metric.verdict) + " (" +
                      metric.reason + ")");
    }
  }
  return lines;
}

}  // namespace edgebench
