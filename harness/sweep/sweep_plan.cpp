#include "harness/sweep/sweep_plan.h"

#include <utility>

#include "runtime/backends/backend.h"
#include "runtime/core/splitmix64.h"

namespace edgebench {

std::vector<PlannedConfig> PlanSweep(const std::vector<ModelRef>& models, const SweepAxes& axes) {
  std::vector<PlannedConfig> plan;
  for (const ModelRef& model : models) {
    for (const std::string& precision : axes.precisions) {
      for (const std::string& backend : axes.backends) {
        for (int threads : axes.threads) {
          for (int64_t batch : axes.batches) {
            for (const std::string& opt_level : axes.opt_levels) {
              for (const std::string& scenario : axes.scenarios) {
                RunConfig c;
                c.model = model.name;
                c.model_path = model.path;
                c.precision = precision;
                c.backend = backend;
                c.threads = threads;
                c.batch = batch;
                c.opt_level = opt_level;
                c.pinning = axes.pinning;
                c.scenario = scenario;
                c.input_shapes = model.overrides.input_shapes;
                c.dataset = model.overrides.dataset;
                c.calibration = model.overrides.calibration;
                plan.push_back({c, UnsupportedReason(c)});
              }
            }
          }
        }
      }
    }
  }
  return plan;
}

std::string UnsupportedReason(const RunConfig& c) {
  auto backend = FindBackend(c.backend);
  if (!backend.ok()) return backend.status().message();
  if (c.threads > 1 && !(*backend)->multithreaded()) return "backend '" + c.backend + "' is single-threaded; threads > 1 has no meaning";
  // Every opt level runs (runtime/passes/graph_optimizer.h); int8 below "all"
  // runs its QDQ graph unfused, which the result's precision.compute says.
  return "";
}

namespace {

template <typename T>
void SeededShuffle(std::vector<T>& items, uint64_t seed) {
  SplitMix64 rng(seed);
  for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.Next() % i]);
}

}  // namespace

void InterleavePlan(std::vector<PlannedConfig>& plan, uint64_t seed) { SeededShuffle(plan, seed); }

void ShuffleOrder(std::vector<size_t>& order, uint64_t seed) { SeededShuffle(order, seed); }

}  // namespace edgebench
