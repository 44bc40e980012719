// Builds one entry of results.json's "results" array from a configuration and
// what its worker reported (DESIGN.md "Results"; the JSON Schema in
// reports/schema/results.schema.json is the authority).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/sweep/run_config.h"
#include "harness/sweep/worker_process.h"
#include "profilers/thermal/thermal_snapshot.h"

namespace edgebench {

// The figures of a configuration that did not complete its measured phase,
// each with its reason, so that no field is silently absent or invented.
nlohmann::json NotCollectedFields();

nlohmann::json UnsupportedRecord(const RunConfig& config, const std::string& reason);

// `build_warnings` apply to every result (debug build, sanitizers).
nlohmann::json OutcomeRecord(const RunConfig& config, const WorkerOutcome& outcome, const ThermalDelta& thermal,
                             const std::vector<std::string>& build_warnings, const std::string& started,
                             const std::string& finished);

// Latency statistics over all repetitions' samples, plus one summary per
// repetition; the raw samples are kept.
Expected<nlohmann::json> LatencyJson(const nlohmann::json& repetitions, std::vector<std::string>* warnings);

}  // namespace edgebench
