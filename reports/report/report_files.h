// Writing report.html and report.md for charts already drawn, and reading
// what a report needs from the command line's files.
#pragma once

#include <string>
#include <vector>

#include "reports/charts/chart_set.h"
#include "reports/report/report_document.h"
#include "reports/report_input.h"
#include "runtime/core/status.h"

namespace edgebench {

struct ReportFiles {
  std::string html_path;
  std::string markdown_path;
  std::vector<ChartFile> charts;
};

// Both reports (each written atomically) into `out_dir`, which holds the
// charts' PNGs at their relative paths.
Expected<ReportFiles> WriteReportFiles(const ReportInput& input, const std::vector<ChartFile>& charts,
                                       const std::string& out_dir);
// The same for a document already built with `charts`.
Expected<ReportFiles> WriteReportFiles(const ReportDocument& doc, const std::vector<ChartFile>& charts,
                                       const std::string& out_dir);

// Reads every results file (ReadResultsJson) and, when a path is given, the
// history (ReadHistory).
Expected<ReportInput> ReadReportInput(const std::vector<std::string>& results_paths, const std::string& history_path);

}  // namespace edgebench
