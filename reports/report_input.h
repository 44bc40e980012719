// What `edgebench report` reads: results files and, optionally, a run
// history. Reports read JSON only (../shared/DESIGN.md), never harness state.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgebench {

// One results file, through ReadResultsJson (reports/results/results_reader.h).
struct ResultsRun {
  std::string path;     // as given on the command line
  nlohmann::json doc;   // schema edgebench.results/1
};

struct ReportInput {
  std::vector<ResultsRun> runs;          // in command-line order, at least one
  std::vector<nlohmann::json> history;   // ReadHistory entries, oldest first; may be empty
};

}  // namespace edgebench
