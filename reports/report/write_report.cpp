#include "reports/report/write_report.h"

#include <filesystem>

#include "reports/charts/chart_set.h"
#include "reports/report/report_document.h"

namespace edgebench {

namespace fs = std::filesystem;

Expected<ReportFiles> WriteReport(const ReportInput& input, const std::string& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return IoError("cannot create report folder '" + out_dir + "': " + ec.message());
  // Build the document first, so a malformed results file fails before gnuplot runs.
  EB_RETURN_IF_ERROR(BuildReportDocument(input, {}).status());
  EB_ASSIGN_OR_RETURN(std::vector<ChartFile> charts, RenderCharts(input, out_dir));
  return WriteReportFiles(input, charts, out_dir);
}

}  // namespace edgebench
