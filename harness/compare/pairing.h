// Pairs the results of two runs by config_key: the same configuration
// (model, precision, backend, threads, ...) in the base and the new run.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

struct ResultPair {
  std::string config_key;
  const nlohmann::json* base = nullptr;       // null: only in the new run ("new")
  const nlohmann::json* candidate = nullptr;  // null: only in the base run ("missing")
};

// Base order first, then the configurations only the new run has, in its
// order. The documents must outlive the pairs. Errors: a config_key that
// occurs twice in one file (naming the file and the key).
Expected<std::vector<ResultPair>> PairResults(const nlohmann::json& base_doc, const std::string& base_path,
                                              const nlohmann::json& new_doc, const std::string& new_path);

}  // namespace edgebench
