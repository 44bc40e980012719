#include "harness/results/results_file.h"

#include "runtime/core/file_io.h"

namespace edgebench {

Expected<nlohmann::json> ReadResultsJson(const std::string& path) {
  EB_ASSIGN_OR_RETURN(std::string text, ReadFileBytes(path));
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("'" + path + "' is not valid JSON");
  if (!doc.is_object() || doc.value("schema", "") != kResultsSchema) {
    return InvalidArgument("'" + path + "' is not an edgebench results file (schema must be \"" +
                           std::string(kResultsSchema) + "\")");
  }
  if (!doc.contains("results") || !doc["results"].is_array()) {
    return InvalidArgument("'" + path + "': field 'results' must be an array");
  }
  return doc;
}

Expected<ResultsFile> ResultsFile::Create(const std::string& path, nlohmann::json run, nlohmann::json host,
                                          nlohmann::json device) {
  ResultsFile file;
  file.path_ = path;
  file.doc_ = {{"schema", kResultsSchema},
               {"run", std::move(run)},
               {"host", std::move(host)},
               {"device", std::move(device)},
               {"results", nlohmann::json::array()}};
  EB_RETURN_IF_ERROR(file.Write());
  return file;
}

Expected<ResultsFile> ResultsFile::Resume(const std::string& path) {
  ResultsFile file;
  file.path_ = path;
  EB_ASSIGN_OR_RETURN(file.doc_, ReadResultsJson(path));
  for (const auto& r : file.doc_["results"]) {
    if (!r.contains("config_key") || !r["config_key"].is_string()) {
      return InvalidArgument("'" + path + "': a result has no config_key; cannot resume from it");
    }
    file.keys_.insert(r["config_key"].get<std::string>());
  }
  return file;
}

Status ResultsFile::Append(nlohmann::json result) {
  const std::string key = result.value("config_key", "");
  if (key.empty()) return Internal("result without config_key");
  if (keys_.count(key)) return Internal("result for '" + key + "' written twice");
  keys_.insert(key);
  doc_["results"].push_back(std::move(result));
  return Write();
}

Status ResultsFile::Finish(const std::string& finished_rfc3339) {
  doc_["run"]["finished"] = finished_rfc3339;
  return Write();
}

Status ResultsFile::Write() const { return WriteFileBytes(path_, doc_.dump(2) + "\n"); }

}  // namespace edgebench
