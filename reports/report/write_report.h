// A report folder: charts/ (RenderCharts), report.html and report.md. Used by
// `edgebench report` and at the end of `edgebench run`.
#pragma once

#include <string>

#include "reports/report/report_files.h"
#include "reports/report_input.h"
#include "runtime/core/status.h"

namespace edgebench {

// Checks the input, draws the charts, then writes both reports into
// `out_dir`, creating it when absent.
Expected<ReportFiles> WriteReport(const ReportInput& input, const std::string& out_dir);

}  // namespace edgebench
