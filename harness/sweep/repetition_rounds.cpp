#include "harness/sweep/repetition_rounds.h"

#include <algorithm>
#include <string>

namespace edgebench {

nlohmann::json RoundRequest(const RunConfig& config, const SuiteRunRules& rules, int round) {
  SuiteRunRules one = rules;
  one.repetitions = 1;
  return {{"config", ToJson(config)}, {"rules", ToJson(one)}, {"latency_only", round > 0}};
}

bool RoundSucceeded(const WorkerOutcome& outcome) {
  return outcome.status == "ok" && outcome.reply.value("status", "") == "ok";
}

WorkerOutcome FailedRound(WorkerOutcome outcome, int round, int rounds) {
  const std::string where = "round " + std::to_string(round + 1) + " of " + std::to_string(rounds) + ": ";
  if (outcome.status != "ok") {
    outcome.error = where + outcome.error;
  } else {
    outcome.reply["error"] = where + outcome.reply.value("error", "worker reported an error without a message");
  }
  return outcome;
}

namespace {

// The worker wrote "all repetitions" of its own, which in a round is one.
void ScopeToFirstRound(nlohmann::json* figure, size_t rounds) {
  if (!figure->is_object() || !figure->contains("scope") || !(*figure)["scope"].is_string()) return;
  std::string scope = (*figure)["scope"].get<std::string>();
  const std::string all = "all repetitions";
  const std::string first = "round 1's repetition only, of " + std::to_string(rounds) + " rounds";
  const size_t at = scope.find(all);
  scope = at == std::string::npos ? scope + "; " + first : scope.replace(at, all.size(), first);
  (*figure)["scope"] = scope;
}

// A round's worker has one repetition, which its warnings call "repetition
// 0" (measure.cpp); in the merged record it is repetition `index`.
std::string RenumberRepetition(std::string warning, size_t index) {
  const std::string own = "repetition 0 ";
  if (warning.compare(0, own.size(), own) == 0) {
    warning.replace(0, own.size(), "repetition " + std::to_string(index) + " ");
  }
  return warning;
}

}  // namespace

WorkerOutcome MergeRounds(const std::vector<WorkerOutcome>& rounds) {
  WorkerOutcome merged = rounds.front();
  nlohmann::json& m = merged.reply["measurement"];
  nlohmann::json& warnings = m["warnings"];
  for (size_t i = 1; i < rounds.size(); ++i) {
    const nlohmann::json& later = rounds[i].reply.at("measurement");
    for (const auto& rep : later.at("repetitions")) m["repetitions"].push_back(rep);
    for (const auto& w : later.value("warnings", nlohmann::json::array())) {
      const std::string text = RenumberRepetition(w.get<std::string>(), i);
      if (std::find(warnings.begin(), warnings.end(), text) == warnings.end()) warnings.push_back(text);
    }
    merged.wall_s += rounds[i].wall_s;
  }
  if (m.contains("counters")) ScopeToFirstRound(&m["counters"], rounds.size());
  if (m.contains("energy")) ScopeToFirstRound(&m["energy"], rounds.size());
  m["rounds"] = {{"count", rounds.size()},
                 {"note", "each repetition ran in its own worker process, in rounds interleaved with the other "
                          "configurations; latency_ms has every round's samples, while cold_start_ms, warmup, "
                          "memory, counters, energy, ops and accuracy are round 1's"}};
  return merged;
}

}  // namespace edgebench
