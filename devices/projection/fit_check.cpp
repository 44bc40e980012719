#include "devices/projection/fit_check.h"

#include "devices/projection/number_text.h"
#include "devices/projection/roofline.h"

namespace edgebench {

namespace {

// On a board with flash (an MCU), weights execute in place from flash and
// only the activations need RAM; elsewhere weights are loaded into RAM too.
bool WeightsInFlash(const DeviceProfile& target) { return target.flash_bytes.has_value(); }

int64_t RamNeeded(const Workload& workload, const DeviceProfile& target) {
  return (WeightsInFlash(target) ? 0 : workload.weights_bytes) + workload.arena_bytes + workload.scratch_bytes;
}

int64_t Bytes(const Sourced& figure) { return static_cast<int64_t>(figure.value); }

}  // namespace

std::vector<std::string> FitProblems(const Workload& workload, const DeviceProfile& target, bool precision_supported) {
  std::vector<std::string> problems;
  const int64_t ram_needed = RamNeeded(workload, target);
  if (ram_needed > Bytes(target.ram_bytes)) {
    problems.push_back(std::string(WeightsInFlash(target) ? "arena+scratch " : "weights+arena+scratch ") +
                       Megabytes(ram_needed) + " exceed RAM " + Megabytes(Bytes(target.ram_bytes)));
  }
  if (target.flash_bytes && workload.weights_bytes > Bytes(*target.flash_bytes)) {
    problems.push_back("weights " + Megabytes(workload.weights_bytes) + " exceed flash " +
                       Megabytes(Bytes(*target.flash_bytes)));
  }
  if (!precision_supported) {
    problems.push_back(workload.precision + " is not supported by any compute unit of " + target.id);
  }
  return problems;
}

std::vector<std::string> BudgetProblems(const Workload& workload, const Known<double>& latency_ms,
                                        const DeviceProfile& target) {
  std::vector<std::string> problems;
  const std::string budget_of = " budget of the " + target.device_class + " class ";
  if (target.max_model_bytes.value > 0 && workload.weights_bytes > Bytes(target.max_model_bytes)) {
    problems.push_back("weights " + Megabytes(workload.weights_bytes) + " exceed the model-size" + budget_of +
                       Megabytes(Bytes(target.max_model_bytes)));
  }
  if (target.target_latency_ms.value > 0 && latency_ms.known() && *latency_ms.value > target.target_latency_ms.value) {
    problems.push_back("projected latency " + ThreeSignificant(*latency_ms.value) + " ms exceeds the latency" +
                       budget_of + ThreeSignificant(target.target_latency_ms.value) + " ms");
  }
  return problems;
}

nlohmann::json FitMethod(const Workload& workload, const DeviceProfile& target) {
  nlohmann::json method{
      {"rules",
       {"RAM: weights + arena + scratch <= ram_bytes; with flash_bytes (MCUs) weights run from flash and only "
        "arena + scratch need RAM",
        "flash (when the profile has it): weights <= flash_bytes",
        "precision: a compute unit's peaks include it",
        "budgets (not fit failures): weights <= max_model_bytes, projected latency <= target_latency_ms"}},
      {"weights_bytes", workload.weights_bytes},
      {"arena_bytes", workload.arena_bytes},
      {"scratch_bytes", workload.scratch_bytes},
      {"ram_needed_bytes", RamNeeded(workload, target)},
      {"ram_bytes", SourcedJson(target.ram_bytes)},
      {"flash_bytes", target.flash_bytes ? SourcedJson(*target.flash_bytes) : nlohmann::json()},
      {"max_model_bytes", SourcedJson(target.max_model_bytes)},
      {"target_latency_ms", SourcedJson(target.target_latency_ms)},
  };
  return method;
}

}  // namespace edgebench
