#include "reports/report/report_files.h"

#include <filesystem>

#include "reports/history/history_file.h"
#include "reports/report/html_report.h"
#include "reports/report/markdown_report.h"
#include "reports/report/report_document.h"
#include "reports/results/results_reader.h"
#include "runtime/core/file_io.h"

namespace edgebench {

namespace fs = std::filesystem;

Expected<ReportFiles> WriteReportFiles(const ReportInput& input, const std::vector<ChartFile>& charts,
                                       const std::string& out_dir) {
  EB_ASSIGN_OR_RETURN(ReportDocument doc, BuildReportDocument(input, charts));
  return WriteReportFiles(doc, charts, out_dir);
}

Expected<ReportFiles> WriteReportFiles(const ReportDocument& doc, const std::vector<ChartFile>& charts,
                                       const std::string& out_dir) {
  EB_ASSIGN_OR_RETURN(std::string html, HtmlReport(doc, out_dir));
  ReportFiles files;
  files.html_path = (fs::path(out_dir) / "report.html").string();
  files.markdown_path = (fs::path(out_dir) / "report.md").string();
  files.charts = charts;
  EB_RETURN_IF_ERROR(WriteFileBytes(files.html_path, html));
  EB_RETURN_IF_ERROR(WriteFileBytes(files.markdown_path, MarkdownReport(doc)));
  return files;
}

Expected<ReportInput> ReadReportInput(const std::vector<std::string>& results_paths, const std::string& history_path) {
  if (results_paths.empty()) return InvalidArgument("no results file given");
  ReportInput input;
  for (const std::string& path : results_paths) {
    EB_ASSIGN_OR_RETURN(nlohmann::json doc, ReadResultsJson(path));
    input.runs.push_back({path, std::move(doc)});
  }
  if (!history_path.empty()) {
    EB_ASSIGN_OR_RETURN(input.history, ReadHistory(history_path));
  }
  return input;
}

}  // namespace edgebench
