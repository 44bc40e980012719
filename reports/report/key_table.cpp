#include "reports/report/key_table.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "reports/report/report_text.h"

namespace edgebench {
namespace {

KeyDevice FromProfile(const DeviceRow& profile, bool measuring) {
  return KeyDevice{profile.id,
                   profile.name.empty() ? profile.id : profile.name,
                   profile.device_class,
                   measuring,
                   profile.price_usd,
                   profile.target_latency_ms,
                   profile.max_model_bytes};
}

// The devices of one run: the measuring machine, then every projection target.
// The measuring machine is the --device profile when the run was on it, else
// the host; its budgets are the matching target's when the profile is listed.
std::vector<KeyDevice> RunDevices(const DeviceBlock& block) {
  std::vector<KeyDevice> devices;
  for (const DeviceRow& target : block.targets) devices.push_back(FromProfile(target, false));
  KeyDevice measuring = FromProfile(block.host_profile, true);
  if (block.mode == "measured") {
    for (const KeyDevice& target : devices) {
      if (target.id == block.id) measuring = target;
    }
    measuring.id = block.id;
    measuring.measuring = true;
    if (!block.name.empty()) measuring.name = block.name;
  }
  devices.insert(devices.begin(), std::move(measuring));
  return devices;
}

// The budget problems of a measured configuration, worded like the
// projection's: "measured latency 105 ms > 50 ms budget (x86-ipc class)".
std::vector<std::string> MeasuredBudgetProblems(const KeyDevice& device, const Figure& latency,
                                                const Figure& weights_bytes) {
  std::vector<std::string> problems;
  const std::string of_class = device.device_class.empty() ? "" : " (" + device.device_class + " class)";
  if (device.target_latency_ms && latency.known() && *latency.value > device.target_latency_ms->value) {
    problems.push_back("measured latency " + FormatNumber(*latency.value) + " ms > " +
                       FormatNumber(device.target_latency_ms->value) + " ms latency budget" + of_class);
  }
  if (device.max_model_bytes) {
    if (!weights_bytes.known()) {
      problems.push_back("weights unknown (" + weights_bytes.unknown_reason + "): the model-size budget cannot be checked");
    } else if (*weights_bytes.value > device.max_model_bytes->value) {
      problems.push_back("weights " + FormatMegabytes(*weights_bytes.value) + " > " +
                         FormatMegabytes(device.max_model_bytes->value) + " model-size budget" + of_class);
    }
  }
  return problems;
}

struct DeviceCandidates {
  KeyDevice device;
  std::vector<KeyCandidate> candidates;
};

// Devices in first-seen order, merged across runs by (id, measuring).
class DeviceIndex {
 public:
  DeviceCandidates& Get(const KeyDevice& device) {
    for (DeviceCandidates& d : entries_) {
      if (d.device.id == device.id && d.device.measuring == device.measuring) return d;
    }
    entries_.push_back({device, {}});
    return entries_.back();
  }
  std::vector<DeviceCandidates>& entries() { return entries_; }

 private:
  std::vector<DeviceCandidates> entries_;
};

// Every per-model, per-device view of one ok result.
void AddCandidates(const ResultRow& result, const std::string& run_path, const std::vector<KeyDevice>& run_devices,
                   std::map<std::string, DeviceIndex>* by_model) {
  KeyCandidate base;
  base.run_path = run_path;
  base.config_key = result.config_key;
  base.precision = result.precision;
  base.backend = result.backend;
  base.threads = result.threads;
  DeviceIndex& devices = (*by_model)[result.model];

  KeyCandidate measured = base;
  measured.latency_ms = Figure::Known(result.latency.p50, "measured");
  measured.joules_per_inference = result.energy.joules_per_inference;
  measured.budget_problems = MeasuredBudgetProblems(run_devices.front(), measured.latency_ms,
                                                    result.memory.weights_bytes);
  devices.Get(run_devices.front()).candidates.push_back(std::move(measured));

  for (const ProjectionRow& p : result.projections) {
    KeyCandidate projected = base;
    projected.latency_ms = p.latency_ms;
    projected.joules_per_inference = p.joules_per_inference;
    projected.fit_problems = p.fit_problems;
    projected.budget_problems = p.budget_problems;
    if (!p.fits && projected.fit_problems.empty()) {
      projected.fit_problems.push_back("does not fit (the results file gives no reason)");
    }
    KeyDevice target{p.device, p.device, "", false, std::nullopt, std::nullopt, std::nullopt};
    for (const KeyDevice& d : run_devices) {
      if (!d.measuring && d.id == p.device) target = d;
    }
    devices.Get(target).candidates.push_back(std::move(projected));
  }
}

constexpr double kUnknownLast = 1e300;

double OrLast(const Figure& f) { return f.known() ? *f.value : kUnknownLast; }

// Lower latency is better; energy breaks ties, then the key keeps the order stable.
bool Faster(const KeyCandidate& a, const KeyCandidate& b) {
  return std::make_tuple(OrLast(a.latency_ms), OrLast(a.joules_per_inference), a.config_key, a.run_path) <
         std::make_tuple(OrLast(b.latency_ms), OrLast(b.joules_per_inference), b.config_key, b.run_path);
}

const KeyCandidate* Best(const std::vector<KeyCandidate>& candidates, bool (*eligible)(const KeyCandidate&),
                         size_t (*misses)(const KeyCandidate&)) {
  const KeyCandidate* best = nullptr;
  for (const KeyCandidate& c : candidates) {
    if (!eligible(c)) continue;
    if (best == nullptr || misses(c) < misses(*best) || (misses(c) == misses(*best) && Faster(c, *best))) best = &c;
  }
  return best;
}

KeyCell Choose(const DeviceCandidates& entry) {
  KeyCell cell;
  cell.device = entry.device;
  cell.candidates = static_cast<int>(entry.candidates.size());
  const auto& all = entry.candidates;
  auto none = [](const KeyCandidate&) -> size_t { return 0; };
  auto budget_misses = [](const KeyCandidate& c) { return c.budget_problems.size(); };
  auto fit_misses = [](const KeyCandidate& c) { return c.fit_problems.size(); };
  struct Rule {
    KeyVerdict verdict;
    bool (*eligible)(const KeyCandidate&);
    size_t (*misses)(const KeyCandidate&);
  };
  const Rule rules[] = {
      {KeyVerdict::kWithinBudget,
       [](const KeyCandidate& c) { return c.fit_problems.empty() && c.budget_problems.empty() && c.latency_ms.known(); },
       none},
      {KeyVerdict::kOverBudget, [](const KeyCandidate& c) { return c.fit_problems.empty() && c.latency_ms.known(); },
       budget_misses},
      {KeyVerdict::kUnknown, [](const KeyCandidate& c) { return c.fit_problems.empty(); }, none},
      {KeyVerdict::kDoesNotFit, [](const KeyCandidate&) { return true; }, fit_misses},
  };
  for (const Rule& rule : rules) {
    if (const KeyCandidate* chosen = Best(all, rule.eligible, rule.misses)) {
      cell.verdict = rule.verdict;
      cell.shown = *chosen;
      return cell;
    }
  }
  return cell;
}

int VerdictRank(KeyVerdict v) {
  switch (v) {
    case KeyVerdict::kWithinBudget: return 0;
    case KeyVerdict::kOverBudget: return 1;
    case KeyVerdict::kUnknown: return 2;
    case KeyVerdict::kDoesNotFit: return 3;
  }
  return 4;
}

}  // namespace

KeyTable BuildKeyTable(const std::vector<RunRows>& runs) {
  KeyTable table;
  std::map<std::string, DeviceIndex> by_model;
  DeviceIndex all_devices;
  for (const RunRows& run : runs) {
    const std::vector<KeyDevice> run_devices = RunDevices(run.device);
    for (const KeyDevice& d : run_devices) all_devices.Get(d);
    for (const ResultRow& result : run.results) {
      if (std::none_of(table.models.begin(), table.models.end(),
                       [&](const KeyModel& m) { return m.model == result.model; })) {
        table.models.push_back({result.model, {}});
      }
      if (result.ok()) AddCandidates(result, run.path, run_devices, &by_model);
    }
  }
  // Measuring machines first: they are the only measured rows.
  for (bool measuring : {true, false}) {
    for (const DeviceCandidates& d : all_devices.entries()) {
      if (d.device.measuring == measuring) table.devices.push_back(d.device);
    }
  }
  for (KeyModel& model : table.models) {
    for (DeviceCandidates& entry : by_model[model.model].entries()) {
      if (!entry.candidates.empty()) model.cells.push_back(Choose(entry));
    }
    std::stable_sort(model.cells.begin(), model.cells.end(), [](const KeyCell& a, const KeyCell& b) {
      return std::make_pair(VerdictRank(a.verdict), OrLast(a.shown.latency_ms)) <
             std::make_pair(VerdictRank(b.verdict), OrLast(b.shown.latency_ms));
    });
  }
  return table;
}

const KeyCell* FindCell(const KeyModel& model, const KeyDevice& device) {
  for (const KeyCell& cell : model.cells) {
    if (cell.device.id == device.id && cell.device.measuring == device.measuring) return &cell;
  }
  return nullptr;
}

}  // namespace edgebench
