// results.json (schema edgebench.results/1), written one configuration at a
// time: every append rewrites the file to a temporary and renames it into
// place, so a killed sweep leaves a valid file with every finished result, and
// --resume continues from it.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/results/results_reader.h"
#include "runtime/core/status.h"

namespace edgebench {

class ResultsFile {
 public:
  // A new document with these "run", "host" and "device" objects; the file is
  // written at once (with no results) so the run is visible from the start.
  static Expected<ResultsFile> Create(const std::string& path, nlohmann::json run, nlohmann::json host,
                                      nlohmann::json device);
  // An existing document, for --resume; refuses files that are not results.
  static Expected<ResultsFile> Resume(const std::string& path);

  // True when a result with this configuration key is already in the file.
  bool Has(const std::string& config_key) const { return keys_.count(config_key) != 0; }
  // Adds one result (its "config_key" field identifies it) and rewrites the file.
  Status Append(nlohmann::json result);
  // Stamps run.finished and rewrites the file.
  Status Finish(const std::string& finished_rfc3339);

  const nlohmann::json& document() const { return doc_; }
  const std::string& path() const { return path_; }

 private:
  Status Write() const;

  std::string path_;
  nlohmann::json doc_;
  std::set<std::string> keys_;
};

}  // namespace edgebench
