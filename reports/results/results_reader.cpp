#include "reports/results/results_reader.h"

#include "runtime/core/file_io.h"

namespace edgebench {

Status CheckResultsEnvelope(const nlohmann::json& doc, const std::string& origin) {
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != kResultsSchema) {
    return InvalidArgument("'" + origin + "' is not an edgebench results file (schema must be \"" +
                           std::string(kResultsSchema) + "\")");
  }
  if (!doc.contains("results") || !doc["results"].is_array()) {
    return InvalidArgument("'" + origin + "': field 'results' must be an array");
  }
  const auto& results = doc["results"];
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    const std::string where = "'" + origin + "': results[" + std::to_string(i) + "]";
    if (!r.is_object()) return InvalidArgument(where + " must be an object");
    if (!r.contains("config_key") || !r["config_key"].is_string()) {
      return InvalidArgument(where + ": field 'config_key' must be a string");
    }
    if (!r.contains("config") || !r["config"].is_object()) {
      return InvalidArgument(where + ": field 'config' must be an object");
    }
    if (!r.contains("status") || !r["status"].is_string()) {
      return InvalidArgument(where + ": field 'status' must be a string");
    }
  }
  return Status::Ok();
}

Expected<nlohmann::json> ReadResultsJson(const std::string& path) {
  EB_ASSIGN_OR_RETURN(std::string text, ReadFileBytes(path));
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("'" + path + "' is not valid JSON");
  EB_RETURN_IF_ERROR(CheckResultsEnvelope(doc, path));
  return doc;
}

}  // namespace edgebench
