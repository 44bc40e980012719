#include "harness/compare/pairing.h"

#include <map>

namespace edgebench {
namespace {

// config_key -> the result, refusing duplicates.
Expected<std::map<std::string, const nlohmann::json*>> IndexByKey(const nlohmann::json& doc,
                                                                  const std::string& path) {
  std::map<std::string, const nlohmann::json*> index;
  for (const nlohmann::json& result : doc["results"]) {
    const std::string key = result["config_key"].get<std::string>();
    if (!index.emplace(key, &result).second) {
      return InvalidArgument("'" + path + "': config_key '" + key + "' occurs more than once");
    }
  }
  return index;
}

}  // namespace

Expected<std::vector<ResultPair>> PairResults(const nlohmann::json& base_doc, const std::string& base_path,
                                              const nlohmann::json& new_doc, const std::string& new_path) {
  EB_ASSIGN_OR_RETURN(const auto base_index, IndexByKey(base_doc, base_path));
  EB_ASSIGN_OR_RETURN(const auto new_index, IndexByKey(new_doc, new_path));
  std::vector<ResultPair> pairs;
  for (const nlohmann::json& result : base_doc["results"]) {
    ResultPair pair;
    pair.config_key = result["config_key"].get<std::string>();
    pair.base = &result;
    const auto match = new_index.find(pair.config_key);
    if (match != new_index.end()) pair.candidate = match->second;
    pairs.push_back(pair);
  }
  for (const nlohmann::json& result : new_doc["results"]) {
    ResultPair pair;
    pair.config_key = result["config_key"].get<std::string>();
    if (base_index.count(pair.config_key) != 0) continue;
    pair.candidate = &result;
    pairs.push_back(pair);
  }
  return pairs;
}

}  // namespace edgebench
