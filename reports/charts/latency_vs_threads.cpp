// latency_vs_threads: one panel per model, p50 per thread count for each
// precision (a line), a whisker up to p99 and a tick at p90. Thread counts
// where no configuration of the model ran are labeled with their status.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/caption_text.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"

namespace edgebench {
namespace {

struct Point {
  int threads;
  const LatencyRow* latency;
};

}  // namespace

std::vector<Chart> LatencyVsThreadsCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  if (ok.empty()) return {};
  std::set<std::string> backends;
  for (const LabeledResult& r : ok) backends.insert(r.row->backend);

  // A series is a precision (and backend, and run, when those vary): the
  // same style in every panel, so one legend entry means one thing.
  auto series_of = [&](const LabeledResult& r) {
    std::string name = r.row->precision;
    if (backends.size() > 1) name += " " + r.row->backend;
    if (runs.size() > 1) name += " #" + std::to_string(r.run - runs.data() + 1);
    return name;
  };
  std::vector<std::pair<int, std::string>> ranked;
  for (const LabeledResult& r : ok) {
    const auto entry = std::make_pair(PrecisionRank(r.row->precision), series_of(r));
    if (std::find(ranked.begin(), ranked.end(), entry) == ranked.end()) ranked.push_back(entry);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> series;
  for (const auto& [rank, name] : ranked) series.push_back(name);

  std::vector<std::string> models;
  for (const std::string& model : ModelsInOrder(runs)) {
    if (std::any_of(ok.begin(), ok.end(), [&](const LabeledResult& r) { return r.row->model == model; })) {
      models.push_back(model);
    }
  }
  const int n = static_cast<int>(models.size());
  const int cols = std::min(4, n);
  const int rows = (n + cols - 1) / cols;

  GnuplotScript script;
  script.width = std::max(700, 330 * cols + 40);
  // One key for all panels, in a band under them: per-panel keys would
  // cover whiskers or collide with the next row.
  const int key_rows = (static_cast<int>(series.size()) + 3) / 4;
  const int key_band_px = 50 + 18 * key_rows;
  script.height = 330 * rows + 80 + key_band_px;
  std::ostringstream body;
  const std::string title = "Latency vs threads per model and precision";
  body << "set multiplot layout " << rows << "," << cols << " title " << GnuplotQuote(title + " (p50 line; whisker to p99, tick at p90)")
       << " font '," << kChartFontSize + 2 << "' margins 0.07,0.98," << GnuplotNumber((key_band_px + 40.0) / script.height) << ","
       << GnuplotNumber(1.0 - 75.0 / script.height)
       << " spacing 0.07," << GnuplotNumber(90.0 / script.height) << "\n";

  for (int m = 0; m < n; ++m) {
    const std::string& model = models[m];
    std::set<int> tested;
    std::map<int, std::set<std::string>> statuses;  // per thread count, of results that did not run
    std::set<int> ran;
    for (const RunRows& run : runs) {
      for (const ResultRow& row : run.results) {
        if (row.model != model) continue;
        tested.insert(row.threads);
        if (row.ok()) ran.insert(row.threads);
        else statuses[row.threads].insert(row.status);
      }
    }
    std::map<size_t, std::vector<Point>> points;  // series index -> points
    std::vector<double> values;
    for (const LabeledResult& r : ok) {
      if (r.row->model != model) continue;
      const size_t s = std::find(series.begin(), series.end(), series_of(r)) - series.begin();
      points[s].push_back({r.row->threads, &r.row->latency});
      values.insert(values.end(), {r.row->latency.p50, r.row->latency.p90, r.row->latency.p99});
    }
    body << "reset\n" << CommonSettings();
    body << "set title " << GnuplotQuote(model) << "\n";
    body << "set xlabel 'threads'\nset ylabel 'latency (ms)'\n";
    // Below the panel: inside it the key would cover whiskers.
    body << "set key at screen 0.5, screen 0.01 center bottom horizontal maxcols 4 spacing 1.3 font '," << kSmallFontSize + 1
         << "'\n";
    body << "set logscale x 2\nset xrange [" << GnuplotNumber(*tested.begin() / 1.6) << ":"
         << GnuplotNumber(*tested.rbegin() * 1.6) << "]\nset xtics (";
    for (auto it = tested.begin(); it != tested.end(); ++it) body << (it == tested.begin() ? "" : ", ") << *it;
    body << ")\n";
    const AxisRange span = MinMax(values);
    if (span.high / span.low > 10) {
      const AxisRange range = LogRange(span.low, span.high);
      body << "set logscale y\nset yrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
    } else {
      body << "set yrange [0:" << GnuplotNumber(span.high * 1.25) << "]\n";
    }
    for (int t : tested) {
      if (ran.count(t)) continue;
      std::vector<std::string> words(statuses[t].begin(), statuses[t].end());
      body << "set label " << GnuplotQuote(JoinList(words)) << " at first " << t
           << ", graph 0.5 center rotate by 90 font '," << kSmallFontSize << "' tc rgb '" << kTextGrey << "'\n";
    }
    std::ostringstream plot;
    for (const auto& [s, list] : points) {
      std::vector<Point> sorted = list;
      std::sort(sorted.begin(), sorted.end(), [](const Point& a, const Point& b) { return a.threads < b.threads; });
      std::vector<std::vector<std::string>> rows_data;
      for (const Point& p : sorted) {
        rows_data.push_back({std::to_string(p.threads), GnuplotNumber(p.latency->p50), GnuplotNumber(p.latency->p90),
                             GnuplotNumber(p.latency->p99)});
      }
      const std::string block = "$lat_m" + std::to_string(m) + "_s" + std::to_string(s);
      script.data += DataBlock(block, rows_data);
      const std::string style = LineSpec(s);
      // Whiskers first, so the p50 marker is drawn on top of them.
      plot << (plot.tellp() > 0 ? ", \\\n  " : "plot ")
           << block << " using 1:2:2:4 with yerrorbars " << ColorSpec(s) << " lw 1.5 ps 0 notitle, \\\n  "
           << block << " using 1:3:($1/1.12):($1*1.12) with xerrorbars " << ColorSpec(s) << " lw 1.5 ps 0 notitle, \\\n  "
           << block << " using 1:2 with linespoints " << style << " ps 1.2 "
           << (m == 0 ? "title " + GnuplotQuote(series[s]) : "notitle");
    }
    // The first panel carries the shared key: series it lacks get an empty entry.
    for (size_t s = 0; m == 0 && s < series.size(); ++s) {
      if (!points.count(s)) plot << ", \\\n  NaN with linespoints " << LineSpec(s) << " ps 1.2 title " << GnuplotQuote(series[s]);
    }
    body << plot.str() << "\n";
  }
  body << "unset multiplot\n";
  script.body = body.str();

  std::string caption = "p50 latency (ms) against the thread count, one panel per model and one line per precision";
  if (runs.size() > 1) caption += " and run";
  caption += "; the whisker reaches p99 and the short horizontal tick marks p90 (nearest-rank, over all measured samples). ";
  caption += NotDrawnSentence(NotOkResults(runs));
  if (runs.size() > 1) caption += " " + RunsSentence(runs);
  return {Chart{MakeChartFile("latency_vs_threads", "latency_vs_threads", title, caption), script}};
}

}  // namespace edgebench
