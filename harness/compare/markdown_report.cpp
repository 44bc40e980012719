#include "harness/compare/comparison_table.h"
#include "harness/compare/comparison_writers.h"
#include "reports/report/report_text.h"

namespace edgebench {
namespace {

// Config keys are separated by '|', which would split a table cell; paths,
// warnings and reasons come from results files and must not become markup.
std::string Row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const std::string& cell : cells) row += " " + EscapeMarkdown(cell) + " |";
  return row + "\n";
}

}  // namespace

std::string MarkdownReport(const Comparison& comparison) {
  const bool fails = GateFails(comparison);
  std::string out = "## edgebench compare: " + std::string(fails ? "FAIL" : "pass") + "\n\n";
  out += GateReason(comparison) + "\n\n";
  out += Row({"", "base", "new"}) + Row({"---", "---", "---"});
  const RunIdentity& b = comparison.base;
  const RunIdentity& n = comparison.candidate;
  out += Row({"file", b.path, n.path}) + Row({"run", b.run_id, n.run_id}) + Row({"git sha", b.git_sha, n.git_sha}) +
         Row({"cpu", b.cpu_model, n.cpu_model}) + Row({"build", b.build_type, n.build_type}) +
         Row({"device", b.device_id, n.device_id});
  out += "\n";
  for (const std::string& warning : comparison.warnings) out += "> **Warning:** " + EscapeMarkdown(warning) + "\n\n";

  out += "**" + SummaryLine(comparison) + "**\n\n";
  const ComparisonTable table = BuildComparisonTable(comparison);
  out += Row(table.header);
  out += Row(std::vector<std::string>(table.header.size(), "---"));
  for (const auto& row : table.rows) out += Row(row);

  const std::vector<std::string> reasons = VerdictReasons(comparison);
  if (!reasons.empty()) {
    out += "\n### Why\n\n";
    for (const std::string& reason : reasons) out += "- " + EscapeMarkdown(reason) + "\n";
  }
  out += "\n### Rules\n\n";
  out += "- Verdict: " + DescribeVerdictRule(comparison.options) + ".\n";
  out += "- Noisy: " + DescribeNoisyRule(comparison.options) + ".\n";
  out += "- Change: the new figure over the base figure, minus 1; CI95 of change: percentile bootstrap of the " +
         std::string("stored samples; p-value: two-sided Mann-Whitney U on the stored samples.\n");
  out += "- Options: " + DescribeOptions(comparison.options) + ".\n";
  return out;
}

}  // namespace edgebench
