// trend: p50 per configuration key across runs (log y), one line per key,
// with the p50 95% confidence interval as error bars when present. From the
// run history when there is one, else across the results files given (two or
// more, in order).
#include <algorithm>
#include <map>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/caption_text.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"

namespace edgebench {
namespace {

struct TrendPoint {
  std::string config_key;
  double p50;
  std::optional<std::pair<double, double>> ci;
};

struct TrendRun {
  std::string label;
  std::vector<TrendPoint> points;
};

// A history line (reports/history/history_file.h): run.started (or id, or
// source) names it; ok results with a numeric latency_ms.p50 are its points.
Expected<TrendRun> ReadHistoryEntry(const nlohmann::json& entry, size_t index) {
  const std::string where = "history entry " + std::to_string(index + 1);
  TrendRun run;
  const nlohmann::json run_block = entry.value("run", nlohmann::json::object());
  for (const char* field : {"started", "id"}) {
    if (run.label.empty() && run_block.is_object() && run_block.contains(field) && run_block[field].is_string()) {
      run.label = run_block[field].get<std::string>();
    }
  }
  if (run.label.empty() && entry.contains("source") && entry["source"].is_string()) run.label = entry["source"];
  if (run.label.empty()) run.label = "run " + std::to_string(index + 1);
  if (!entry.contains("results") || !entry["results"].is_array()) {
    return InvalidArgument(where + ": field 'results' must be an array");
  }
  for (const nlohmann::json& r : entry["results"]) {
    if (!r.is_object()) return InvalidArgument(where + ": 'results' must hold objects");
    if (!r.contains("config_key") || !r["config_key"].is_string()) {
      return InvalidArgument(where + ": a result has no string 'config_key'");
    }
    const std::string key = r["config_key"];
    if (!r.contains("status") || r["status"] != "ok") continue;
    const std::string at = where + ": result '" + key + "'";
    if (!r.contains("latency_ms") || !r["latency_ms"].is_object()) {
      return InvalidArgument(at + ": field 'latency_ms' must be an object");
    }
    const nlohmann::json& lat = r["latency_ms"];
    if (!lat.contains("p50") || !lat["p50"].is_number()) {
      return InvalidArgument(at + ": field 'latency_ms.p50' must be a number");
    }
    TrendPoint point{key, lat["p50"].get<double>(), std::nullopt};
    if (lat.contains("p50_ci95") && !lat["p50_ci95"].is_null()) {
      const nlohmann::json& ci = lat["p50_ci95"];
      if (!ci.is_array() || ci.size() != 2 || !ci[0].is_number() || !ci[1].is_number()) {
        return InvalidArgument(at + ": field 'latency_ms.p50_ci95' must be null or two numbers");
      }
      point.ci = std::make_pair(ci[0].get<double>(), ci[1].get<double>());
    }
    run.points.push_back(point);
  }
  return run;
}

}  // namespace

Expected<std::vector<Chart>> TrendCharts(const ReportInput& input, const std::vector<RunRows>& runs) {
  std::vector<TrendRun> trend;
  const bool from_history = !input.history.empty();
  if (from_history) {
    for (size_t i = 0; i < input.history.size(); ++i) {
      EB_ASSIGN_OR_RETURN(TrendRun run, ReadHistoryEntry(input.history[i], i));
      trend.push_back(std::move(run));
    }
  } else if (runs.size() >= 2) {
    for (const RunRows& rows : runs) {
      TrendRun run{rows.label, {}};
      for (const ResultRow& row : rows.results) {
        if (row.ok()) run.points.push_back({row.config_key, row.latency.p50, row.latency.p50_ci95});
      }
      trend.push_back(std::move(run));
    }
  } else {
    return std::vector<Chart>{};
  }

  // Keys in first-seen order: one line each.
  std::vector<std::string> keys;
  std::vector<double> values;
  for (const TrendRun& run : trend) {
    for (const TrendPoint& p : run.points) {
      if (std::find(keys.begin(), keys.end(), p.config_key) == keys.end()) keys.push_back(p.config_key);
      if (p.p50 > 0) values.push_back(p.p50);
      if (p.ci && p.ci->first > 0) values.insert(values.end(), {p.ci->first, p.ci->second});
    }
  }
  if (keys.empty() || values.empty()) return std::vector<Chart>{};
  const std::map<std::string, std::string> labels = ShortConfigLabels(keys);
  const AxisRange range = LogRange(MinMax(values).low, MinMax(values).high);
  const int n = static_cast<int>(trend.size());

  GnuplotScript script;
  script.width = std::max(960, 420 + 90 * n);
  script.height = std::max(560, 300 + 18 * static_cast<int>(keys.size()));
  const std::string title = std::string("Latency trend across ") + (from_history ? "the run history" : "the runs given") +
                            " (p50 per configuration)";
  std::ostringstream body;
  body << "set title " << GnuplotQuote(title) << "\n";
  body << "set ylabel 'p50 latency (ms, log scale)'\nset xlabel " << GnuplotQuote(from_history ? "run (oldest first)" : "run (in the order given)") << "\n";
  body << "set logscale y\nset yrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
  body << "set format y '%g'\n";
  body << "set xrange [-0.5:" << GnuplotNumber(n - 0.5) << "]\n";
  std::vector<std::string> tick_labels;
  for (const TrendRun& run : trend) tick_labels.push_back(Shorten(run.label, 26));
  const CategoryAxis axis = CategoryTics(tick_labels, (script.width - 380.0) / n, kSmallFontSize + 1);
  body << axis.tics << "set bmargin " << axis.bmargin << "\n";
  body << "set rmargin at screen " << GnuplotNumber(1.0 - 260.0 / script.width) << "\n";
  body << "set key outside right top vertical font '," << kSmallFontSize + 1 << "'\n";

  std::ostringstream plot;
  bool any_ci = false;
  for (size_t k = 0; k < keys.size(); ++k) {
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < n; ++i) {
      for (const TrendPoint& p : trend[i].points) {
        if (p.config_key != keys[k]) continue;
        any_ci = any_ci || p.ci.has_value();
        rows.push_back({std::to_string(i), GnuplotNumber(p.p50), GnuplotNumber(p.ci ? p.ci->first : p.p50),
                        GnuplotNumber(p.ci ? p.ci->second : p.p50)});
      }
    }
    const std::string block = "$trend" + std::to_string(k);
    script.data += DataBlock(block, rows);
    // Error bars first, so each run's marker is drawn over them.
    plot << (k ? ", \\\n  " : "plot ") << block << " using 1:2:3:4 with yerrorbars " << ColorSpec(k)
         << " lw 1.2 ps 0 notitle, \\\n  " << block << " using 1:2 with linespoints " << LineSpec(k) << " ps 1.2 title "
         << GnuplotQuote(Shorten(labels.at(keys[k]), 36));
  }
  body << plot.str() << "\n";
  script.body = body.str();

  std::string caption = std::string("p50 latency of each configuration key per run, ") +
                        (from_history ? "from the run history (" + std::to_string(n) + " runs)"
                                      : "across the " + std::to_string(n) + " results files given, in order") +
                        "; " +
                        (any_ci ? "error bars are the distribution-free 95% confidence interval of p50 where the run had enough samples."
                                : "no run has a p50 confidence interval (too few samples), so none is drawn.") +
                        " A configuration that did not run ok in a run has no point there.";
  return std::vector<Chart>{Chart{MakeChartFile("trend", "trend", title, caption), script}};
}

}  // namespace edgebench
