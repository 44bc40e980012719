// edgebench compare BASE.json NEW.json [--threshold 5%] [--metrics ...]
// [--alpha 0.05] [--markdown F] [--junit F] [--json F]: the regression gate
// between two results files. Exit 1 on a regression, 2 on bad input.
#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/cli/compare_flags.h"
#include "reports/results/results_reader.h"

namespace edgebench::cli {
namespace {

struct CompareCommandFlags {
  std::string base;
  std::string candidate;
  CompareFlags compare;
};

Expected<int> RunCompare(const CompareCommandFlags& flags) {
  EB_ASSIGN_OR_RETURN(const nlohmann::json base_doc, ReadResultsJson(flags.base));
  EB_ASSIGN_OR_RETURN(const nlohmann::json new_doc, ReadResultsJson(flags.candidate));
  return RunComparison(base_doc, flags.base, new_doc, flags.candidate, flags.compare);
}

}  // namespace

void AddCompareCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CompareCommandFlags>();
  CLI::App* command = app.add_subcommand(
      "compare", "Compare two results files configuration by configuration; exit 1 on a significant regression");
  command->add_option("BASE", flags->base, "The reference results.json")->required();
  command->add_option("NEW", flags->candidate, "The results.json to judge")->required();
  AddCompareFlags(*command, flags->compare);
  command->callback([flags, exit_code] {
    const Expected<int> result = RunCompare(*flags);
    *exit_code = result.ok() ? *result : GateErrorExit(result.status());
  });
}

}  // namespace edgebench::cli
