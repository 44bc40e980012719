#include "harness/compare/comparison_table.h"
#include "harness/compare/comparison_writers.h"
#include "reports/report/report_text.h"  // EscapeHtml: XML needs the same five escapes

namespace edgebench {
namespace {

struct TestCase {
  std::string classname;
  std::string name;
  std::string failure;  // message; empty when it passes
  std::string skipped;  // message; empty unless skipped
  std::string detail;   // the failure's body
};

// "p50 0.2051 ms -> 0.2256 ms (+10.00%, CI95 [+9.80%, +10.21%], p=<1e-300)".
std::string Figures(const MetricComparison& metric) {
  std::string text = std::string(metric.metric->name) + " " + FormatFigure(*metric.metric, metric.base) + " -> " +
                     FormatFigure(*metric.metric, metric.candidate) + " (" + FormatChange(metric.change);
  if (metric.interval) text += ", CI95 " + FormatInterval(metric.interval);
  if (metric.test) text += ", p=" + FormatPValue(metric.test);
  return text + ")";
}

std::vector<TestCase> BuildTestCases(const Comparison& comparison) {
  std::vector<TestCase> cases;
  for (const ConfigComparison& config : comparison.configs) {
    if (config.metrics.empty()) {
      TestCase test{config.config_key, "status", "", "", config.note};
      const std::string message = std::string(VerdictName(config.verdict)) + ": " + config.note;
      const bool missing_fails = config.verdict == Verdict::kMissing && comparison.options.fail_on_missing;
      if (config.verdict == Verdict::kRegressed || missing_fails) {
        test.failure = message;
      } else if (config.verdict == Verdict::kMissing) {
        test.skipped = message;
      }
      cases.push_back(test);
      continue;
    }
    for (const MetricComparison& metric : config.metrics) {
      TestCase test{config.config_key, metric.metric->name, "", "", metric.reason};
      const std::string message = std::string(VerdictName(metric.verdict)) + ": " + Figures(metric);
      if (metric.verdict == Verdict::kRegressed) test.failure = message;
      if (metric.verdict == Verdict::kNoisy) test.skipped = message + "; " + metric.reason;
      cases.push_back(test);
    }
  }
  return cases;
}

}  // namespace

std::string JunitReport(const Comparison& comparison) {
  const std::vector<TestCase> cases = BuildTestCases(comparison);
  int failures = 0;
  int skipped = 0;
  for (const TestCase& test : cases) {
    failures += test.failure.empty() ? 0 : 1;
    skipped += test.skipped.empty() ? 0 : 1;
  }
  const std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"edgebench compare\" " + counts + ">\n";
  out += "  <testsuite name=\"edgebench.compare\" " + counts + ">\n";
  out += "    <properties>\n";
  const auto property = [&out](const std::string& name, const std::string& value) {
    out += "      <property name=\"" + EscapeHtml(name) + "\" value=\"" + EscapeHtml(value) + "\"/>\n";
  };
  property("base", comparison.base.path);
  property("new", comparison.candidate.path);
  property("options", DescribeOptions(comparison.options));
  for (const std::string& warning : comparison.warnings) property("warning", warning);
  out += "    </properties>\n";
  for (const TestCase& test : cases) {
    out += "    <testcase classname=\"" + EscapeHtml(test.classname) + "\" name=\"" + EscapeHtml(test.name) + "\"";
    if (test.failure.empty() && test.skipped.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!test.failure.empty()) {
      out += "      <failure message=\"" + EscapeHtml(test.failure) + "\" type=\"regression\">" + EscapeHtml(test.detail) +
             "</failure>\n";
    } else {
      out += "      <skipped message=\"" + EscapeHtml(test.skipped) + "\"/>\n";
    }
    out += "    </testcase>\n";
  }
  std::string system_out = SummaryLine(comparison) + "\n" + GateReason(comparison) + "\n";
  for (const std::string& warning : comparison.warnings) system_out += "warning: " + warning + "\n";
  system_out += "verdict rule: " + DescribeVerdictRule(comparison.options) + "\n";
  system_out += "noisy rule: " + DescribeNoisyRule(comparison.options) + "\n";
  out += "    <system-out>" + EscapeHtml(system_out) + "</system-out>\n";
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace edgebench
