// edgebench history append RESULTS.json... --history FILE: one summary line
// per run (reports/history/history_file.h), for trends in `report`.
#include <cstdio>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "reports/history/history_file.h"
#include "reports/results/results_reader.h"

namespace edgebench::cli {
namespace {

struct HistoryFlags {
  std::vector<std::string> results;
  std::string history;
};

Status RunAppend(const HistoryFlags& flags) {
  // Every file is read before anything is appended: one bad file appends nothing.
  std::vector<nlohmann::json> entries;
  for (const std::string& path : flags.results) {
    EB_ASSIGN_OR_RETURN(const nlohmann::json doc, ReadResultsJson(path));
    entries.push_back(HistoryEntry(doc, path));
  }
  for (const nlohmann::json& entry : entries) EB_RETURN_IF_ERROR(AppendHistory(flags.history, entry));
  std::printf("history: appended %zu run(s) to %s\n", entries.size(), flags.history.c_str());
  return Status::Ok();
}

}  // namespace

void AddHistoryCommand(CLI::App& app, int* exit_code) {
  CLI::App* history = app.add_subcommand("history", "The run history (JSONL, one summary line per run)");
  history->require_subcommand(1);
  auto flags = std::make_shared<HistoryFlags>();
  CLI::App* append = history->add_subcommand("append", "Append one summary line per results file");
  append->add_option("RESULTS", flags->results, "results.json files, in the order to append")->required();
  append->add_option("--history", flags->history, "The history file (created when absent)")->required();
  append->callback([flags, exit_code] { *exit_code = ReportStatus(RunAppend(*flags)); });
}

}  // namespace edgebench::cli
