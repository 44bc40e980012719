#include "reports/charts/chart_set.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "reports/charts/chart_kinds.h"

namespace edgebench {

ChartFile MakeChartFile(const std::string& id, const std::string& kind, const std::string& title,
                        const std::string& caption) {
  return ChartFile{id, kind, title, caption, "charts/" + id + ".png", "charts/" + id + ".svg"};
}

std::string ChartIdPart(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
    out += safe ? c : '_';
  }
  return out;
}

std::vector<std::string> ModelsInOrder(const std::vector<RunRows>& runs) {
  std::vector<std::string> models;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      if (std::find(models.begin(), models.end(), row.model) == models.end()) models.push_back(row.model);
    }
  }
  return models;
}

Expected<std::vector<ChartFile>> RenderCharts(const ReportInput& input, const std::string& out_dir) {
  if (input.runs.empty()) return InvalidArgument("charts: no results file given");
  EB_ASSIGN_OR_RETURN(std::vector<RunRows> runs, ReadResultRows(input));
  return RenderCharts(input, runs, out_dir);
}

Expected<std::vector<ChartFile>> RenderCharts(const ReportInput& input, const std::vector<RunRows>& runs,
                                              const std::string& out_dir) {
  if (runs.empty()) return InvalidArgument("charts: no results file given");
  EB_ASSIGN_OR_RETURN(std::vector<Chart> trend, TrendCharts(input, runs));

  // The order of ChartFile::kind: one list of kinds, in drawing order.
  std::vector<std::vector<Chart>> kinds;
  kinds.push_back(LatencyVsThreadsCharts(runs));
  kinds.push_back(PrecisionComparisonCharts(runs));
  kinds.push_back(LatencyCdfCharts(runs));
  kinds.push_back(MemoryBreakdownCharts(runs));
  kinds.push_back(EnergyCharts(runs));
  kinds.push_back(OpBreakdownCharts(runs));
  kinds.push_back(HardwareSelectionCharts(runs));
  kinds.push_back(std::move(trend));

  const std::string charts_dir = out_dir + "/charts";
  std::error_code ec;
  std::filesystem::create_directories(charts_dir, ec);
  if (ec) return IoError("cannot create '" + charts_dir + "': " + ec.message());

  std::vector<ChartFile> files;
  for (const std::vector<Chart>& charts : kinds) {
    for (const Chart& chart : charts) {
      EB_RETURN_IF_ERROR(RenderGnuplot(chart.file.id, chart.script, charts_dir));
      files.push_back(chart.file);
    }
  }
  return files;
}

}  // namespace edgebench
