// The chart kinds of RenderCharts, one file each (latency_vs_threads.cpp, …).
// Each turns the tidy rows into charts (file names, title, caption and a
// gnuplot script); a kind with nothing to draw returns none.
#pragma once

#include <string>
#include <vector>

#include "reports/charts/chart_set.h"
#include "reports/charts/gnuplot_script.h"
#include "reports/charts/row_labels.h"
#include "reports/results/result_rows.h"
#include "reports/report_input.h"

namespace edgebench {

struct Chart {
  ChartFile file;
  GnuplotScript script;
};

// The ChartFile of a chart: png/svg paths follow from the id.
ChartFile MakeChartFile(const std::string& id, const std::string& kind, const std::string& title,
                        const std::string& caption);

// `name` made safe for a file name: letters, digits, '-', '_' and '.' kept,
// anything else becomes '_'.
std::string ChartIdPart(const std::string& name);

// Models in first-seen order over all runs and results.
std::vector<std::string> ModelsInOrder(const std::vector<RunRows>& runs);

std::vector<Chart> LatencyVsThreadsCharts(const std::vector<RunRows>& runs);
std::vector<Chart> PrecisionComparisonCharts(const std::vector<RunRows>& runs);
std::vector<Chart> LatencyCdfCharts(const std::vector<RunRows>& runs);
std::vector<Chart> MemoryBreakdownCharts(const std::vector<RunRows>& runs);
std::vector<Chart> EnergyCharts(const std::vector<RunRows>& runs);
std::vector<Chart> OpBreakdownCharts(const std::vector<RunRows>& runs);
std::vector<Chart> HardwareSelectionCharts(const std::vector<RunRows>& runs);
// From the history when there is one, else across the runs given (two or more).
Expected<std::vector<Chart>> TrendCharts(const ReportInput& input, const std::vector<RunRows>& runs);

}  // namespace edgebench
