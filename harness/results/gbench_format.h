// Google Benchmark's JSON output format (context + benchmarks), so that its
// own tools (tools/compare.py) can read an edgebench run. Each ok
// configuration becomes one benchmark family: one "iteration" entry per
// repetition (real_time = mean latency, cpu_time = mean thread CPU time per
// inference, in ms) and, with repetitions > 1, the mean/median/stddev/cv
// aggregates Google Benchmark computes over repetitions.
#pragma once

#include <nlohmann/json.hpp>

namespace edgebench {

nlohmann::json ToGoogleBenchmarkJson(const nlohmann::json& results_document, const std::string& executable);

}  // namespace edgebench
