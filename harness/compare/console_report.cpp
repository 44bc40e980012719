#include <algorithm>

#include "harness/compare/comparison_table.h"
#include "harness/compare/comparison_writers.h"

namespace edgebench {
namespace {

std::string DescribeRun(const char* label, const RunIdentity& run) {
  return std::string(label) + run.path + " (run " + run.run_id + ", git " + run.git_sha.substr(0, 12) + ", " +
         run.cpu_model + ", " + run.build_type + ", device " + run.device_id + ")\n";
}

}  // namespace

std::string ConsoleReport(const Comparison& comparison) {
  std::string out = DescribeRun("base: ", comparison.base) + DescribeRun("new:  ", comparison.candidate);
  for (const std::string& warning : comparison.warnings) out += "warning: " + warning + "\n";
  out += "\n";

  const ComparisonTable table = BuildComparisonTable(comparison);
  std::vector<size_t> widths(table.header.size());
  for (size_t c = 0; c < widths.size(); ++c) {
    widths[c] = table.header[c].size();
    for (const auto& row : table.rows) widths[c] = std::max(widths[c], row[c].size());
  }
  const auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      // Text columns left-aligned, figures right-aligned.
      const std::string pad(widths[c] - row[c].size(), ' ');
      const bool left = c < 2 || c + 1 == row.size();
      line += (c == 0 ? "" : "  ") + (left ? row[c] + pad : pad + row[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  print_row(table.header);
  for (const auto& row : table.rows) print_row(row);

  out += "\n" + SummaryLine(comparison) + "\n";
  out += "options: " + DescribeOptions(comparison.options) + "\n";
  out += "noisy rule: " + DescribeNoisyRule(comparison.options) + "\n";
  const std::vector<std::string> reasons = VerdictReasons(comparison);
  for (const std::string& reason : reasons) out += "  " + reason + "\n";
  out += GateReason(comparison) + "\n";
  return out;
}

}  // namespace edgebench
