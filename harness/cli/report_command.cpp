// edgebench report RESULTS.json... --out DIR [--history FILE]: charts,
// report.html (self-contained) and report.md from results files.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "reports/report/write_report.h"

namespace edgebench::cli {
namespace {

struct ReportFlags {
  std::vector<std::string> results;
  std::string out;
  std::string history;
  bool quiet = false;
};

Status RunReport(const ReportFlags& flags) {
  EB_ASSIGN_OR_RETURN(ReportInput input, ReadReportInput(flags.results, flags.history));
  EB_ASSIGN_OR_RETURN(ReportFiles files, WriteReport(input, flags.out));
  if (!flags.quiet) {
    std::printf("wrote %s\nwrote %s\n%zu charts in %s/charts\n", files.html_path.c_str(), files.markdown_path.c_str(),
                files.charts.size(), flags.out.c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddReportCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Charts, a self-contained report.html and report.md (for PR comments) from results files");
  cmd->add_option("results", f->results, "results.json files (one or more runs)")->required();
  cmd->add_option("--out", f->out, "Output folder (report.html, report.md, charts/)")->required();
  cmd->add_option("--history", f->history, "Run history (JSONL, edgebench.history/1) for the trend charts");
  cmd->add_flag("--quiet", f->quiet, "Print nothing but errors");
  cmd->callback([f, exit_code] { *exit_code = ReportStatus(RunReport(*f)); });
}

}  // namespace edgebench::cli
