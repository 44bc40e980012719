// The key table of a report: per model, the best configuration for each
// device within its budgets. Devices are the machine that measured (its
// measured p50 and energy) and every projection target (results[].projections).
// Both writers render this one structure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/results/result_rows.h"

namespace edgebench {

struct KeyDevice {
  std::string id;
  std::string name;
  std::string device_class;  // "x86-ipc", "sbc", ...; may be empty for the measuring machine
  bool measuring = false;    // the machine the runs measured on (figures measured, not projected)
  std::optional<SourcedNumber> price_usd;
  std::optional<SourcedNumber> target_latency_ms;
  std::optional<SourcedNumber> max_model_bytes;
};

// One ok configuration as it would run on one device.
struct KeyCandidate {
  std::string run_path;  // which results file, when several are given
  std::string config_key;
  std::string precision;
  std::string backend;
  int threads = 0;
  Figure latency_ms;            // measured p50, or projected
  Figure joules_per_inference;  // measured or estimated
  std::vector<std::string> fit_problems;     // why it cannot run there at all
  std::vector<std::string> budget_problems;  // why it runs there, but outside the class budgets
};

enum class KeyVerdict {
  kWithinBudget,  // `shown` is the best configuration that fits and meets every budget
  kOverBudget,    // some fit, none meets the budgets: `shown` is the nearest miss
  kDoesNotFit,    // none fits: `shown` is the one with the fewest fit problems
  kUnknown,       // every candidate's latency is unknown: `shown` says why
};

struct KeyCell {
  KeyDevice device;
  KeyVerdict verdict = KeyVerdict::kUnknown;
  KeyCandidate shown;
  int candidates = 0;  // ok configurations considered for this device
};

struct KeyModel {
  std::string model;
  std::vector<KeyCell> cells;  // within budget first, then by latency
};

struct KeyTable {
  std::vector<KeyDevice> devices;  // the measuring machine(s) first, then targets in file order
  std::vector<KeyModel> models;    // in order of first appearance
};

// The rows were checked when read (ReadResultRows), so building cannot fail.
KeyTable BuildKeyTable(const std::vector<RunRows>& runs);

// The cell of `model` for `device`, or nullptr when no ok configuration of the model reached it.
const KeyCell* FindCell(const KeyModel& model, const KeyDevice& device);

}  // namespace edgebench
