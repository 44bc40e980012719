// Reading results.json (schema edgebench.results/1) back: the one reader that
// `report`, `compare`, `baseline` and `--resume` share, so a file is refused
// for the same reasons everywhere, with the file and the field named.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

constexpr const char* kResultsSchema = "edgebench.results/1";

// Reads and checks the envelope of a results file: JSON, the schema tag, a
// "results" array whose entries each have a string "config_key", a "config"
// object and a string "status". Fields inside a result are the caller's to
// check, since each caller needs different ones.
Expected<nlohmann::json> ReadResultsJson(const std::string& path);

// The same checks on a document already in memory; `origin` names it in errors.
Status CheckResultsEnvelope(const nlohmann::json& doc, const std::string& origin);

}  // namespace edgebench
