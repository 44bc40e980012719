// report.html: the report as one self-contained page. Charts are embedded as
// base64 data: URIs, styles are inline, and nothing is fetched from anywhere,
// so the file can be mailed, archived as a CI artifact or opened offline.
#pragma once

#include <string>

#include "reports/report/report_document.h"
#include "runtime/core/status.h"

namespace edgebench {

// Reads each chart's PNG from `out_dir`; fails naming a missing chart file.
Expected<std::string> HtmlReport(const ReportDocument& doc, const std::string& out_dir);

// RFC 4648 base64 (with padding), for data: URIs.
std::string Base64(const std::string& bytes);

}  // namespace edgebench
