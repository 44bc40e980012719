#include "harness/results/results_file.h"

#include "runtime/core/file_io.h"

namespace edgebench {

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
  // ReadResultsJson has checked that every result has a string config_key.
  for (const auto& r : file.doc_["results"]) file.keys_.insert(r["config_key"].get<std::string>());
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
