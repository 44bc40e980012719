// latency_cdf_<model>: the empirical CDF of the stored latency samples, one
// step curve per ok configuration of the model, with each curve's p50 and p99
// (from all measured samples) marked on it.
#include <algorithm>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"

namespace edgebench {
namespace {

// At most this many points per curve: evenly spaced order statistics of the
// sorted samples keep the shape of the distribution and the SVG small.
constexpr size_t kMaxCurvePoints = 1000;

std::vector<std::vector<std::string>> CdfRows(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  const size_t n = samples.size();
  const size_t step = (n + kMaxCurvePoints - 1) / kMaxCurvePoints;
  std::vector<std::vector<std::string>> rows;
  // The curve starts at 0 just left of the first sample, so a one-sample CDF is a visible step.
  rows.push_back({GnuplotNumber(samples.front()), "0"});
  for (size_t i = 0; i < n; i += step) {
    rows.push_back({GnuplotNumber(samples[i]), GnuplotNumber(static_cast<double>(i + 1) / n)});
  }
  if ((n - 1) % step != 0) rows.push_back({GnuplotNumber(samples.back()), "1"});
  return rows;
}

}  // namespace

std::vector<Chart> LatencyCdfCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  std::vector<Chart> charts;
  for (const std::string& model : ModelsInOrder(runs)) {
    std::vector<const LabeledResult*> curves;
    for (const LabeledResult& r : ok) {
      if (r.row->model == model && !r.row->latency.samples.empty()) curves.push_back(&r);
    }
    if (curves.empty()) continue;
    const std::string id = "latency_cdf_" + ChartIdPart(model);
    std::vector<double> all;
    for (const LabeledResult* r : curves) {
      all.insert(all.end(), r->row->latency.samples.begin(), r->row->latency.samples.end());
      all.push_back(r->row->latency.p99);
    }
    const AxisRange span = MinMax(all);

    GnuplotScript script;
    script.width = 900;
    script.height = 520;
    std::ostringstream body;
    const std::string title = "Latency distribution (empirical CDF), " + model;
    body << "set title " << GnuplotQuote(title) << "\n";
    body << "set xlabel 'latency (ms)'\nset ylabel 'fraction of inferences at or below'\n";
    body << "set yrange [0:1.04]\nset ytics 0,0.1,1\n";
    body << "set grid xtics ytics lc rgb '" << kGridGrey << "'\n";
    if (span.high / span.low > 20) {
      const AxisRange range = LogRange(span.low, span.high);
      body << "set logscale x\nset xrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
    } else {
      const double pad = std::max((span.high - span.low) * 0.08, span.high * 0.01);
      body << "set xrange [" << GnuplotNumber(std::max(0.0, span.low - pad)) << ":" << GnuplotNumber(span.high + pad)
           << "]\n";
    }
    body << "set key " << (curves.size() > 4 ? "outside right top" : "inside right bottom") << " font '," << kSmallFontSize + 1
         << "'\n";
    // Reference lines at the two quantiles marked on each curve.
    body << "set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 3 lc rgb '#909090'\n"
         << "set arrow from graph 0, first 0.99 to graph 1, first 0.99 nohead dt 3 lc rgb '#909090'\n"
         << "set label 'p50' at graph 0.01, first 0.52 font '," << kSmallFontSize << "' tc rgb '" << kTextGrey << "'\n"
         << "set label 'p99' at graph 0.01, first 0.965 font '," << kSmallFontSize << "' tc rgb '" << kTextGrey << "'\n";

    std::ostringstream plot;
    std::vector<std::string> notes;
    for (size_t c = 0; c < curves.size(); ++c) {
      const LatencyRow& lat = curves[c]->row->latency;
      const std::string block = "$cdf" + std::to_string(c);
      script.data += DataBlock(block, CdfRows(lat.samples));
      const std::string marks = "$cdf" + std::to_string(c) + "_marks";
      script.data += DataBlock(marks, {{GnuplotNumber(lat.p50), "0.5"}, {GnuplotNumber(lat.p99), "0.99"}});
      const std::string name = curves[c]->label + " (p50 " + ShortNumber(lat.p50) + " ms, p99 " + ShortNumber(lat.p99) + " ms)";
      plot << (c ? ", \\\n  " : "plot ") << block << " using 1:2 with steps " << LineSpec(c) << " title "
           << GnuplotQuote(name) << ", \\\n  " << marks << " using 1:2 with points " << ColorSpec(c) << " pt "
           << SeriesStyleAt(c).point_type << " ps 1.4 notitle";
      std::string note = curves[c]->label + ": " + std::to_string(lat.samples.size()) + " stored samples of " +
                         std::to_string(lat.count) + " measured";
      if (lat.samples_stride > 1) note += " (1 in " + std::to_string(lat.samples_stride) + ")";
      notes.push_back(note);
    }
    body << plot.str() << "\n";
    script.body = body.str();

    std::string caption = "Empirical CDF of the stored per-inference latencies of each ok configuration of " + model +
                          " (stored samples are every samples_stride-th measured one, which keeps the distribution); "
                          "markers at p50 and p99 computed over all measured samples. ";
    for (size_t i = 0; i < notes.size(); ++i) caption += (i ? "; " : "") + notes[i];
    caption += ".";
    charts.push_back(Chart{MakeChartFile(id, "latency_cdf", title, caption), script});
  }
  return charts;
}

}  // namespace edgebench
