// edgebench baseline save RESULTS.json --baseline FILE
// edgebench baseline check RESULTS.json --baseline FILE [compare options] [--history FILE]
// A baseline is a results file kept (e.g. in the repository) as the
// reference for `compare`; check is compare(baseline, RESULTS) with the
// same exit codes, optionally appending RESULTS to a run history.
#include <cstdio>
#include <filesystem>
#include <memory>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/cli/compare_flags.h"
#include "harness/compare/metric_list.h"
#include "reports/history/history_file.h"
#include "reports/results/results_reader.h"
#include "runtime/core/file_io.h"

namespace edgebench::cli {
namespace {

struct BaselineFlags {
  std::string results;
  std::string baseline;
  std::string history;
  CompareFlags compare;
};

std::string RunId(const nlohmann::json& doc) {
  const nlohmann::json::json_pointer id("/run/id");
  return doc.contains(id) && doc.at(id).is_string() ? doc.at(id).get<std::string>() : "without an id";
}

// Every ok result must carry what every metric needs, so that a later
// `baseline check` cannot fail on the baseline, whatever --metrics it asks.
Status CheckComparable(const nlohmann::json& doc, const std::string& path) {
  for (const nlohmann::json& result : doc["results"]) {
    if (result["status"] != "ok") continue;
    const std::string where = "'" + path + "': result '" + result["config_key"].get<std::string>() + "'";
    EB_RETURN_IF_ERROR(ReadLatencySamples(result, where).status());
    EB_RETURN_IF_ERROR(ReadRepetitionStarts(result, where).status());
    for (const CompareMetric& metric : CompareMetrics()) {
      EB_RETURN_IF_ERROR(ReadMetricFigure(metric, result, where).status());
    }
  }
  return Status::Ok();
}

Status RunSave(const BaselineFlags& flags) {
  // Nothing is dropped: the schema requires every field of an ok result
  // (ops and projections included), and the baseline must stay a results file.
  EB_ASSIGN_OR_RETURN(const nlohmann::json doc, ReadResultsJson(flags.results));
  EB_RETURN_IF_ERROR(CheckComparable(doc, flags.results));
  int ok = 0;
  for (const nlohmann::json& result : doc["results"]) ok += result["status"] == "ok" ? 1 : 0;
  if (ok == 0) {
    return InvalidArgument("'" + flags.results + "' has no result with status ok: nothing to compare against");
  }
  const std::filesystem::path parent = std::filesystem::path(flags.baseline).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return IoError("cannot create folder '" + parent.string() + "': " + ec.message());
  EB_RETURN_IF_ERROR(WriteFileBytes(flags.baseline, doc.dump(1) + "\n"));
  std::printf("baseline %s: %zu configurations (%d ok) from %s (run %s)\n",
              flags.baseline.c_str(), doc["results"].size(), ok, flags.results.c_str(),
              RunId(doc).c_str());
  return Status::Ok();
}

Expected<int> RunCheck(const BaselineFlags& flags) {
  EB_ASSIGN_OR_RETURN(const nlohmann::json baseline_doc, ReadResultsJson(flags.baseline));
  EB_ASSIGN_OR_RETURN(const nlohmann::json new_doc, ReadResultsJson(flags.results));
  EB_ASSIGN_OR_RETURN(const int exit_code,
                      RunComparison(baseline_doc, flags.baseline, new_doc, flags.results, flags.compare));
  if (!flags.history.empty()) {
    EB_RETURN_IF_ERROR(AppendHistory(flags.history, HistoryEntry(new_doc, flags.results)));
    std::printf("history: appended %s to %s\n", flags.results.c_str(), flags.history.c_str());
  }
  return exit_code;
}

}  // namespace

void AddBaselineCommand(CLI::App& app, int* exit_code) {
  CLI::App* baseline = app.add_subcommand("baseline", "Keep a reference results file and gate new runs against it");
  baseline->require_subcommand(1);
  auto flags = std::make_shared<BaselineFlags>();

  CLI::App* save = baseline->add_subcommand(
      "save", "Validate RESULTS.json (every ok result has what every metric needs) and write it as the baseline");
  save->add_option("RESULTS", flags->results, "A results.json from `edgebench run`")->required();
  save->add_option("--baseline", flags->baseline, "The baseline file to write")->required();
  save->footer("Make the baseline on the machine class the gate runs on: latency compared across machines "
               "means nothing.");
  save->callback([flags, exit_code] { *exit_code = ReportStatus(RunSave(*flags)); });

  CLI::App* check = baseline->add_subcommand(
      "check", "Compare RESULTS.json against the baseline (as `compare BASELINE RESULTS`); exit 1 on a regression");
  check->add_option("RESULTS", flags->results, "The new results.json")->required();
  check->add_option("--baseline", flags->baseline, "The baseline file (`baseline save`)")->required();
  check->add_option("--history", flags->history,
                    "Also append RESULTS' summary to this run history (JSONL, edgebench.history/1)");
  AddCompareFlags(*check, flags->compare);
  check->callback([flags, exit_code] {
    const Expected<int> result = RunCheck(*flags);
    *exit_code = result.ok() ? *result : GateErrorExit(result.status());
  });
}

}  // namespace edgebench::cli
