// report.md: the report as GitHub-flavoured Markdown for a PR comment. Charts
// are linked by their relative path (charts/<id>.png); hover text is dropped,
// reasons behind unknown figures are numbered notes under each table.
#pragma once

#include <string>

#include "reports/report/report_document.h"

namespace edgebench {

std::string MarkdownReport(const ReportDocument& doc);

}  // namespace edgebench
