// Edits of results documents for the compare tests: the injected slowdown
// and the reshuffled configuration set the gate must catch.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace edgebench::testing {

// Every latency sample and latency statistic (mean, stddev, percentiles,
// their intervals, min, max) of every result times `factor`, as if every
// inference took `factor` times as long.
inline void ScaleLatency(nlohmann::json& doc, double factor) {
  for (nlohmann::json& result : doc["results"]) {
    if (!result.contains("latency_ms")) continue;
    nlohmann::json& latency = result["latency_ms"];
    for (nlohmann::json& sample : latency["samples"]) sample = sample.get<double>() * factor;
    for (const char* field : {"mean", "stddev", "min", "max", "p50", "p90", "p95", "p99", "p999"}) {
      if (latency.contains(field) && latency[field].is_number()) latency[field] = latency[field].get<double>() * factor;
    }
    for (const char* field : {"p50_ci95", "p90_ci95"}) {
      if (!latency.contains(field) || !latency[field].is_array()) continue;
      for (nlohmann::json& bound : latency[field]) bound = bound.get<double>() * factor;
    }
  }
}

// Drops the first result and adds a copy of the second under a new key:
// one configuration "missing", one "new". Returns the two keys.
inline std::pair<std::string, std::string> DropFirstAndRenameSecond(nlohmann::json& doc) {
  nlohmann::json& results = doc["results"];
  const std::string dropped = results[0]["config_key"].get<std::string>();
  nlohmann::json renamed = results[1];
  const std::string added = "renamed_" + renamed["config_key"].get<std::string>();
  renamed["config_key"] = added;
  results.erase(results.begin());
  results.push_back(renamed);
  return {dropped, added};
}

}  // namespace edgebench::testing
