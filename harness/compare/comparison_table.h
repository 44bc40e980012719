// The verdict table shared by the console and Markdown outputs: one header
// and one row per configuration x metric (one row for a configuration
// without metrics), every cell already formatted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/compare/comparison.h"

namespace edgebench {

struct ComparisonTable {
  std::vector<std::string> header;  // config key, metric, base, new, change, CI95 of change, p-value, verdict
  std::vector<std::vector<std::string>> rows;
};

ComparisonTable BuildComparisonTable(const Comparison& comparison);

// Cell formats, also used by the JUnit messages.
std::string FormatFigure(const CompareMetric& metric, std::optional<double> value);  // "0.2051 ms", "94232 B"
std::string FormatChange(std::optional<double> change);                              // "+10.00%"
std::string FormatInterval(const std::optional<RelativeChangeInterval>& interval);   // "[+9.80%, +10.21%]"
std::string FormatPValue(const std::optional<MannWhitneyResult>& test);              // "0.0031", "<1e-300"

// One line per metric or configuration whose verdict is not "unchanged",
// with the rule that decided: "KEY METRIC: noisy (base robust CV 0.31 > 0.25)".
std::vector<std::string> VerdictReasons(const Comparison& comparison);

}  // namespace edgebench
