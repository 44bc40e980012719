// op_breakdown_<model>: where the time of one configuration goes. For each
// model, its fastest ok configuration with per-op times: the ten slowest
// nodes by time_ms_p50 and the rest as "other", horizontal bars with share %.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/bar_boxes.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"

namespace edgebench {
namespace {

constexpr size_t kTopOps = 10;

bool HasOpTimes(const ResultRow& row) {
  return std::any_of(row.ops.begin(), row.ops.end(), [](const OpRow& op) { return op.time_ms_p50.has_value(); });
}

struct Bar {
  std::string label;
  double ms;
};

}  // namespace

std::vector<Chart> OpBreakdownCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  std::vector<Chart> charts;
  for (const std::string& model : ModelsInOrder(runs)) {
    const LabeledResult* fastest = nullptr;
    for (const LabeledResult& r : ok) {
      if (r.row->model != model || !HasOpTimes(*r.row)) continue;
      if (fastest == nullptr || r.row->latency.p50 < fastest->row->latency.p50) fastest = &r;
    }
    if (fastest == nullptr) continue;

    std::vector<Bar> timed;
    double total = 0;
    size_t untimed = 0;
    for (const OpRow& op : fastest->row->ops) {
      if (!op.time_ms_p50) {
        ++untimed;
        continue;
      }
      timed.push_back({Shorten(op.name, 34) + " (" + op.type + ")", *op.time_ms_p50});
      total += *op.time_ms_p50;
    }
    std::stable_sort(timed.begin(), timed.end(), [](const Bar& a, const Bar& b) { return a.ms > b.ms; });
    std::vector<Bar> bars(timed.begin(), timed.begin() + std::min(kTopOps, timed.size()));
    if (timed.size() > kTopOps) {
      double rest = 0;
      for (size_t i = kTopOps; i < timed.size(); ++i) rest += timed[i].ms;
      bars.push_back({"other (" + std::to_string(timed.size() - kTopOps) + " nodes)", rest});
    }
    if (total <= 0) continue;

    const std::string id = "op_breakdown_" + ChartIdPart(model);
    GnuplotScript script;
    script.width = 1000;
    script.height = 130 + 34 * static_cast<int>(bars.size());
    std::vector<std::vector<std::string>> boxes, other, labels;
    double longest = 0;
    for (size_t i = 0; i < bars.size(); ++i) {
      const double y = static_cast<double>(bars.size() - 1 - i);  // slowest on top
      const bool is_other = timed.size() > kTopOps && i == bars.size() - 1;
      (is_other ? other : boxes).push_back(BoxRow(0, bars[i].ms, y - 0.35, y + 0.35));
      char share[64];
      std::snprintf(share, sizeof(share), "%.1f%%", 100.0 * bars[i].ms / total);
      labels.push_back({GnuplotNumber(bars[i].ms), GnuplotNumber(y),
                        DataText(" " + ShortNumber(bars[i].ms) + " ms, " + share)});
      longest = std::max(longest, bars[i].ms);
    }
    if (other.empty()) other.push_back({"NaN", "NaN", "NaN", "NaN"});
    script.data += DataBlock("$ops", boxes) + DataBlock("$op_other", other) + DataBlock("$op_labels", labels);

    const ResultRow& config = *fastest->row;
    std::string config_text = config.precision + ", " + config.backend + ", " + std::to_string(config.threads) +
                              (config.threads == 1 ? " thread" : " threads");
    if (runs.size() > 1) config_text += ", run " + fastest->run->label;
    const std::string title = "Per-op time, " + model + " (" + config_text + "; its fastest ok configuration)";
    std::ostringstream body;
    body << "set title " << GnuplotQuote(title) << "\n";
    body << "set xlabel 'per-op time, median of the profiled runs (ms)'\n";
    body << "set xrange [0:" << GnuplotNumber(longest * 1.3) << "]\n";
    body << "set yrange [-0.6:" << GnuplotNumber(bars.size() - 0.4) << "]\n";
    body << "set grid noytics xtics lc rgb '" << kGridGrey << "'\n";
    body << "set ytics (";
    for (size_t i = 0; i < bars.size(); ++i) {
      body << (i ? ", " : "") << GnuplotQuote(bars[i].label) << " " << (bars.size() - 1 - i);
    }
    body << ") font '," << kSmallFontSize + 1 << "'\nset lmargin 40\nunset key\n";
    // "other" in the grey style, so it does not read as one more node.
    body << "plot " << BoxPlot("$ops", BarSpec(0, false), "notitle") << ", \\\n  "
         << BoxPlot("$op_other", BarSpec(SeriesStyleCount() - 1, true), "notitle") << ", \\\n  "
         << "$op_labels using 1:2:3 with labels left font '," << kSmallFontSize + 1 << "' notitle\n";
    script.body = body.str();

    std::string caption = "The " + std::to_string(std::min(kTopOps, timed.size())) + " slowest of " +
                          std::to_string(timed.size()) + " timed nodes of " + fastest->row->config_key +
                          " by per-op median time" + (timed.size() > kTopOps ? ", the rest summed as other" : "") +
                          "; share = node time / sum of node times (" + ShortNumber(total) +
                          " ms; the whole-model p50 is " + ShortNumber(fastest->row->latency.p50) + " ms).";
    if (untimed > 0) caption += " " + std::to_string(untimed) + " nodes have no per-op time and are left out.";
    charts.push_back(Chart{MakeChartFile(id, "op_breakdown", title, caption), script});
  }
  return charts;
}

}  // namespace edgebench
