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
  // Read (and check) every results file once, before gnuplot runs, so a
  // malformed file fails first; charts and document share the rows.
  EB_ASSIGN_OR_RETURN(const std::vector<RunRows> runs, ReadResultRows(input));
  EB_ASSIGN_OR_RETURN(std::vector<ChartFile> charts, RenderCharts(input, runs, out_dir));
  return WriteReportFiles(BuildReportDocument(runs, charts), charts, out_dir);
}

}  // namespace edgebench
