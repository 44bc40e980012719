#include "reports/report/key_table.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "reports/report/report_text.h"
#include "reports/report/result_fields.h"

namespace edgebench {
namespace {

using json = nlohmann::json;

Expected<KeyDevice> ReadDevice(const json& summary, bool measuring, const FieldPlace& place,
                               const std::string& prefix) {
  KeyDevice device;
  device.measuring = measuring;
  EB_ASSIGN_OR_RETURN(device.id, ReadString(summary, "id", place, prefix));
  EB_ASSIGN_OR_RETURN(std::optional<std::string> name, ReadOptionalString(summary, "name", place, prefix));
  device.name = name.value_or(device.id);
  EB_ASSIGN_OR_RETURN(std::optional<std::string> device_class, ReadOptionalString(summary, "class", place, prefix));
  device.device_class = device_class.value_or("");
  EB_ASSIGN_OR_RETURN(device.price_usd, ReadOptionalSourced(summary, "price_usd", place, prefix));
  EB_ASSIGN_OR_RETURN(device.target_latency_ms, ReadOptionalSourced(summary, "target_latency_ms", place, prefix));
  EB_ASSIGN_OR_RETURN(device.max_model_bytes, ReadOptionalSourced(summary, "max_model_bytes", place, prefix));
  return device;
}

// The devices of one run: the measuring machine, then every projection target.
// The measuring machine is the --device profile when the run was on it, else
// the host; its budgets are the matching target's when the profile is listed.
Expected<std::vector<KeyDevice>> RunDevices(const json& doc, const FieldPlace& place) {
  EB_ASSIGN_OR_RETURN(const json* device, ReadObject(doc, "device", place));
  EB_ASSIGN_OR_RETURN(std::string mode, ReadString(*device, "mode", place, "device."));
  EB_ASSIGN_OR_RETURN(const json* host_profile, ReadObject(*device, "host_profile", place, "device."));
  EB_ASSIGN_OR_RETURN(const json* targets, ReadArray(*device, "targets", place, "device."));
  std::vector<KeyDevice> devices;
  for (size_t i = 0; i < targets->size(); ++i) {
    EB_ASSIGN_OR_RETURN(KeyDevice target,
                        ReadDevice((*targets)[i], false, place, "device.targets[" + std::to_string(i) + "]."));
    devices.push_back(std::move(target));
  }
  EB_ASSIGN_OR_RETURN(KeyDevice measuring, ReadDevice(*host_profile, true, place, "device.host_profile."));
  if (mode == "measured") {
    EB_ASSIGN_OR_RETURN(std::string id, ReadString(*device, "id", place, "device."));
    for (const KeyDevice& target : devices) {
      if (target.id == id) measuring = target;
    }
    measuring.id = id;
    measuring.measuring = true;
    EB_ASSIGN_OR_RETURN(std::optional<std::string> name, ReadOptionalString(*device, "name", place, "device."));
    if (name) measuring.name = *name;
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
Status AddCandidates(const json& result, const std::vector<KeyDevice>& run_devices, const FieldPlace& place,
                     std::map<std::string, DeviceIndex>* by_model) {
  EB_ASSIGN_OR_RETURN(const json* config, ReadObject(result, "config", place));
  KeyCandidate base;
  base.run_path = place.file;
  base.config_key = place.config_key;
  EB_ASSIGN_OR_RETURN(std::string model, ReadString(*config, "model", place, "config."));
  EB_ASSIGN_OR_RETURN(base.precision, ReadString(*config, "precision", place, "config."));
  EB_ASSIGN_OR_RETURN(base.backend, ReadString(*config, "backend", place, "config."));
  EB_ASSIGN_OR_RETURN(double threads, ReadNumber(*config, "threads", place, "config."));
  base.threads = static_cast<int>(threads);
  DeviceIndex& devices = (*by_model)[model];

  EB_ASSIGN_OR_RETURN(const json* latency, ReadObject(result, "latency_ms", place));
  EB_ASSIGN_OR_RETURN(double p50, ReadNumber(*latency, "p50", place, "latency_ms."));
  EB_ASSIGN_OR_RETURN(const json* memory, ReadObject(result, "memory", place));
  EB_ASSIGN_OR_RETURN(Figure weights, ReadFigure(*memory, "weights_bytes", "measured", place, "memory."));
  EB_ASSIGN_OR_RETURN(const json* energy, ReadObject(result, "energy", place));
  EB_ASSIGN_OR_RETURN(std::string energy_kind, ReadString(*energy, "kind", place, "energy."));
  KeyCandidate measured = base;
  measured.latency_ms = Figure::Known(p50, "measured");
  if (energy_kind == "unknown") {
    EB_ASSIGN_OR_RETURN(std::optional<std::string> reason, ReadOptionalString(*energy, "reason", place, "energy."));
    measured.joules_per_inference = Figure::Unknown(reason.value_or("no reason given in the results file"));
  } else {
    EB_ASSIGN_OR_RETURN(measured.joules_per_inference,
                        ReadFigure(*energy, "joules_per_inference", energy_kind, place, "energy."));
  }
  measured.budget_problems = MeasuredBudgetProblems(run_devices.front(), measured.latency_ms, weights);
  devices.Get(run_devices.front()).candidates.push_back(std::move(measured));

  EB_ASSIGN_OR_RETURN(const json* projections, ReadArray(result, "projections", place));
  for (size_t i = 0; i < projections->size(); ++i) {
    const json& p = (*projections)[i];
    const std::string prefix = "projections[" + std::to_string(i) + "].";
    EB_ASSIGN_OR_RETURN(std::string device_id, ReadString(p, "device", place, prefix));
    KeyCandidate projected = base;
    EB_ASSIGN_OR_RETURN(projected.latency_ms, ReadFigure(p, "latency_ms", "projected", place, prefix));
    // Projected energy is the target's power model over the projected latency.
    EB_ASSIGN_OR_RETURN(projected.joules_per_inference,
                        ReadFigure(p, "joules_per_inference", "estimated", place, prefix));
    const json& fits = p.contains("fits") ? p["fits"] : json();
    if (!fits.is_boolean()) return InvalidArgument(place.Name(prefix + "fits") + " must be true or false");
    EB_ASSIGN_OR_RETURN(projected.fit_problems, ReadStrings(p, "fit_problems", place, prefix));
    EB_ASSIGN_OR_RETURN(projected.budget_problems, ReadStrings(p, "budget_problems", place, prefix));
    if (!fits.get<bool>() && projected.fit_problems.empty()) {
      projected.fit_problems.push_back("does not fit (the results file gives no reason)");
    }
    KeyDevice target{device_id, device_id, "", false, std::nullopt, std::nullopt, std::nullopt};
    for (const KeyDevice& d : run_devices) {
      if (!d.measuring && d.id == device_id) target = d;
    }
    devices.Get(target).candidates.push_back(std::move(projected));
  }
  return Status::Ok();
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

Expected<KeyTable> BuildKeyTable(const ReportInput& input) {
  KeyTable table;
  std::map<std::string, DeviceIndex> by_model;
  DeviceIndex all_devices;
  for (const ResultsRun& run : input.runs) {
    FieldPlace place{run.path, ""};
    EB_ASSIGN_OR_RETURN(std::vector<KeyDevice> run_devices, RunDevices(run.doc, place));
    for (const KeyDevice& d : run_devices) all_devices.Get(d);
    for (const json& result : run.doc["results"]) {
      place.config_key = result["config_key"].get<std::string>();  // checked by CheckResultsEnvelope
      EB_ASSIGN_OR_RETURN(const json* config, ReadObject(result, "config", place));
      EB_ASSIGN_OR_RETURN(std::string model, ReadString(*config, "model", place, "config."));
      if (std::none_of(table.models.begin(), table.models.end(), [&](const KeyModel& m) { return m.model == model; })) {
        table.models.push_back({model, {}});
      }
      if (result["status"] != "ok") continue;
      EB_RETURN_IF_ERROR(AddCandidates(result, run_devices, place, &by_model));
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
