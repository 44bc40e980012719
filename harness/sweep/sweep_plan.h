// The sweep plan: the cartesian product of models and axes. Combinations this
// build cannot run stay in the plan as "unsupported" with the reason, never
// silently dropped.
#pragma once

#include <string>
#include <vector>

#include "harness/suite/model_entry.h"
#include "harness/sweep/run_config.h"

namespace edgebench {

struct SweepAxes {
  std::vector<std::string> precisions = {"fp32"};
  std::vector<std::string> backends = {"ref"};
  std::vector<int> threads = {1};
  std::vector<int64_t> batches = {1};
  std::vector<std::string> opt_levels = {"all"};
  std::vector<std::string> scenarios = {"single_stream"};
  std::string pinning = "none";
};

struct PlannedConfig {
  RunConfig config;
  std::string unsupported_reason;  // empty when the configuration runs
};

// Order: models outermost, then precision, backend, threads, batch, opt level, scenario.
std::vector<PlannedConfig> PlanSweep(const std::vector<ModelRef>& models, const SweepAxes& axes);

// Why this build cannot run the configuration, or "" when it can. The one
// table of what the bundled runtime supports; later issues shrink it.
std::string UnsupportedReason(const RunConfig& config);

// Random interleaving, after Google Benchmark's --benchmark_enable_random_interleaving:
// a seeded Fisher-Yates shuffle, so the order is reproducible from the seed.
void InterleavePlan(std::vector<PlannedConfig>& plan, uint64_t seed);
// The same shuffle of any list, for the order of a later round (repetition_rounds.h).
void ShuffleOrder(std::vector<size_t>& order, uint64_t seed);

}  // namespace edgebench
