// Every chart of a report, drawn with gnuplot through gnuplot-iostream as PNG
// and SVG. A chart whose data is absent from the input is not drawn; what is
// estimated, unknown or unsupported is said in the chart and its caption.
#pragma once

#include <string>
#include <vector>

#include "reports/report_input.h"
#include "reports/results/result_rows.h"
#include "runtime/core/status.h"

namespace edgebench {

struct ChartFile {
  std::string id;        // unique file stem, e.g. "latency_cdf_mobilenet_v2"
  std::string kind;      // latency_vs_threads, precision_comparison, latency_cdf, memory_breakdown,
                         // energy, op_breakdown, hardware_selection, trend
  std::string title;     // as drawn on the chart
  std::string caption;   // what is drawn, and what is estimated, unknown or missing
  std::string png_path;  // relative to the output folder: "charts/<id>.png"
  std::string svg_path;  // "charts/<id>.svg"
};

// Draws every chart the input has data for into <out_dir>/charts/, in a fixed
// order (the order of `kind` above, then by model and configuration). Fails
// when gnuplot is missing or rejects a script, naming the chart.
Expected<std::vector<ChartFile>> RenderCharts(const ReportInput& input, const std::string& out_dir);
// The same from rows already read (ReadResultRows of `input`), so a report
// reads its results files once.
Expected<std::vector<ChartFile>> RenderCharts(const ReportInput& input, const std::vector<RunRows>& runs,
                                              const std::string& out_dir);

}  // namespace edgebench
