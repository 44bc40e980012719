// Golden outputs of the Markdown and JUnit writers on a small hand-built
// Comparison, and the JSON writer's figures.
#include "harness/compare/comparison_writers.h"

#include <gtest/gtest.h>

#include <string>

namespace edgebench {
namespace {

const CompareMetric& Metric(const std::string& name) {
  for (const CompareMetric& metric : CompareMetrics()) {
    if (metric.name == name) return metric;
  }
  ADD_FAILURE() << "no metric " << name;
  return CompareMetrics().front();
}

Comparison SmallComparison() {
  Comparison comparison;
  comparison.options.metrics = {&Metric("p50"), &Metric("weights_bytes")};
  comparison.base = {"base.json", "run-a", "aaaaaaaaaaaaaaaa", "AMD EPYC", "Release", "host"};
  comparison.candidate = {"new.json", "run-b", "bbbbbbbbbbbbbbbb", "AMD EPYC", "Debug", "host"};
  comparison.warnings = {"build type differs: base 'Release', new 'Debug'"};

  ConfigComparison slow;
  slow.config_key = "m|fp32|ref|t1";
  slow.base_status = slow.candidate_status = "ok";
  slow.verdict = Verdict::kRegressed;
  MetricComparison p50;
  p50.metric = &Metric("p50");
  p50.base = 2.0;
  p50.candidate = 2.2;
  p50.change = 0.1;
  p50.interval = RelativeChangeInterval{0.1, 0.09, 0.11, 1000, 42, 0.95};
  MannWhitneyResult test;
  test.p_value = 0.0012;
  p50.test = test;
  p50.verdict = Verdict::kRegressed;
  p50.reason = "p=0.0012, change +10.00%: significant and above +5%";
  MetricComparison weights;
  weights.metric = &Metric("weights_bytes");
  weights.base = weights.candidate = 1024;
  weights.change = 0;
  weights.verdict = Verdict::kUnchanged;
  weights.reason = "identical";
  slow.metrics = {p50, weights};

  ConfigComparison gone;
  gone.config_key = "gone|fp32";
  gone.base_status = "ok";
  gone.verdict = Verdict::kMissing;
  gone.note = "in the base run, not in the new one";
  comparison.configs = {slow, gone};
  return comparison;
}

TEST(ComparisonWritersTest, MarkdownGolden) {
  const std::string expected = R"GOLDEN(## edgebench compare: FAIL

exit 1, the gate fails: regressed: m|fp32|ref|t1

|  | base | new |
| --- | --- | --- |
| file | base.json | new.json |
| run | run-a | run-b |
| git sha | aaaaaaaaaaaaaaaa | bbbbbbbbbbbbbbbb |
| cpu | AMD EPYC | AMD EPYC |
| build | Release | Debug |
| device | host | host |

> **Warning:** build type differs: base 'Release', new 'Debug'

**2 configurations: 1 regressed, 0 noisy, 0 improved, 0 unchanged, 1 missing, 0 new**

| config key | metric | base | new | change | CI95 of change | p-value | verdict |
| --- | --- | --- | --- | --- | --- | --- | --- |
| m\|fp32\|ref\|t1 | p50 | 2 ms | 2.2 ms | +10.00% | \[+9.00%, +11.00%\] | 0.0012 | regressed |
| m\|fp32\|ref\|t1 | weights_bytes | 1024 B | 1024 B | +0.00% | - | - | unchanged |
| gone\|fp32 | status | ok | - | - | - | - | missing |

### Why

- m\|fp32\|ref\|t1 p50: regressed (p=0.0012, change +10.00%: significant and above +5%)
- gone\|fp32: missing (in the base run, not in the new one)
)GOLDEN";
  const std::string markdown = MarkdownReport(SmallComparison());
  ASSERT_GE(markdown.size(), expected.size());
  EXPECT_EQ(markdown.substr(0, expected.size()), expected);
  EXPECT_NE(markdown.find("### Rules"), std::string::npos);
  EXPECT_NE(markdown.find("robust CV (1.4826 * MAD / median"), std::string::npos);
  EXPECT_NE(markdown.find("- Options: threshold 5%, alpha 0.05, metrics p50,weights_bytes"), std::string::npos);
}

TEST(ComparisonWritersTest, JunitGolden) {
  const std::string expected = R"GOLDEN(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="edgebench compare" tests="3" failures="1" errors="0" skipped="1">
  <testsuite name="edgebench.compare" tests="3" failures="1" errors="0" skipped="1">
    <properties>
      <property name="base" value="base.json"/>
      <property name="new" value="new.json"/>
      <property name="options" value="threshold 5%, alpha 0.05, metrics p50,weights_bytes, min samples 20, max robust CV 0.25, bootstrap 1000 resamples, seed 42"/>
      <property name="warning" value="build type differs: base &#39;Release&#39;, new &#39;Debug&#39;"/>
    </properties>
    <testcase classname="m|fp32|ref|t1" name="p50">
      <failure message="regressed: p50 2 ms -&gt; 2.2 ms (+10.00%, CI95 [+9.00%, +11.00%], p=0.0012)" type="regression">p=0.0012, change +10.00%: significant and above +5%</failure>
    </testcase>
    <testcase classname="m|fp32|ref|t1" name="weights_bytes"/>
    <testcase classname="gone|fp32" name="status">
      <skipped message="missing: in the base run, not in the new one"/>
    </testcase>
    <system-out>2 configurations: 1 regressed, 0 noisy, 0 improved, 0 unchanged, 1 missing, 0 new
exit 1, the gate fails: regressed: m|fp32|ref|t1
warning: build type differs: base &#39;Release&#39;, new &#39;Debug&#39;
)GOLDEN";
  const std::string junit = JunitReport(SmallComparison());
  ASSERT_GE(junit.size(), expected.size());
  EXPECT_EQ(junit.substr(0, expected.size()), expected);
  EXPECT_NE(junit.find("</system-out>\n  </testsuite>\n</testsuites>\n"), std::string::npos);

  // Under --fail-on-missing the missing configuration is a failure too.
  Comparison strict = SmallComparison();
  strict.options.fail_on_missing = true;
  const std::string strict_junit = JunitReport(strict);
  EXPECT_NE(strict_junit.find("tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\""), std::string::npos);
  EXPECT_NE(strict_junit.find("<failure message=\"missing: in the base run, not in the new one\""), std::string::npos);
}

TEST(ComparisonWritersTest, JsonCarriesEveryFigureAndTheOptions) {
  const nlohmann::json json = JsonReport(SmallComparison());
  EXPECT_EQ(json["schema"], "edgebench.compare/1");
  EXPECT_EQ(json["gate"]["exit_code"], 1);
  EXPECT_EQ(json["options"]["threshold"], 0.05);
  EXPECT_EQ(json["options"]["bootstrap"]["seed"], 42);
  EXPECT_EQ(json["warnings"].size(), 1u);
  EXPECT_EQ(json["summary"]["missing"], 1);
  const auto& p50 = json["configs"][0]["metrics"][0];
  EXPECT_EQ(p50["verdict"], "regressed");
  EXPECT_EQ(p50["change_ci95"], nlohmann::json::array({0.09, 0.11}));
  EXPECT_EQ(p50["test"]["p_value"], 0.0012);
  EXPECT_EQ(json["configs"][1]["new_status"], nullptr);
}

}  // namespace
}  // namespace edgebench
