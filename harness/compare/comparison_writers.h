// The outputs of `edgebench compare`, each from the same Comparison: the
// console table (always), Markdown (--markdown), JUnit XML (--junit) and JSON
// (--json, schema edgebench.compare/1). Each lives in its own file.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harness/compare/comparison.h"

namespace edgebench {

constexpr const char* kCompareSchema = "edgebench.compare/1";

// Runs, warnings, the verdict table, the summary line, the noisy rule, the
// reason behind every verdict that is not "unchanged", and the gate's reason.
std::string ConsoleReport(const Comparison& comparison);

// The same for a pull request or a CI job summary (GitHub-flavoured tables).
std::string MarkdownReport(const Comparison& comparison);

// One testsuite "edgebench.compare"; one testcase per configuration x metric
// (classname = config key, name = metric), or per configuration ("status")
// when it has no metrics. Regressions (and missing under --fail-on-missing)
// are <failure> with the figures in the message; noisy and missing are
// <skipped> with the reason.
std::string JunitReport(const Comparison& comparison);

// Every figure, verdict and option.
nlohmann::json JsonReport(const Comparison& comparison);

}  // namespace edgebench
