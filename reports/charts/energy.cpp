// energy: energy per inference per configuration. Solid bars are measured by
// a sensor, patterned bars estimated by a stated model; the kind is in the
// legend and the axis label. Configurations whose energy is unknown are
// listed in the caption with the reason.
#include <algorithm>
#include <map>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/bar_boxes.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"
#include "reports/charts/caption_text.h"

namespace edgebench {

std::vector<Chart> EnergyCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  std::vector<const LabeledResult*> drawn;
  for (const LabeledResult& r : ok) {
    if (r.row->energy.joules_per_inference.known() && *r.row->energy.joules_per_inference.value > 0) {
      drawn.push_back(&r);
    }
  }
  if (drawn.empty()) return {};

  // Unknown energy, grouped by reason (first-seen order), naming each configuration.
  std::vector<std::pair<std::string, std::vector<std::string>>> unknown;
  auto note_unknown = [&](const std::string& reason, const std::string& who) {
    auto it = std::find_if(unknown.begin(), unknown.end(), [&](const auto& u) { return u.first == reason; });
    if (it == unknown.end()) unknown.push_back({reason, {who}});
    else it->second.push_back(who);
  };
  std::vector<std::string> keys;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) keys.push_back(row.config_key);
  }
  const std::map<std::string, std::string> short_labels = ShortConfigLabels(keys);
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      const std::string who =
          short_labels.at(row.config_key) + (runs.size() > 1 ? " #" + std::to_string(&run - runs.data() + 1) : "");
      if (!row.ok()) note_unknown(row.status + ": " + row.status_error, who);
      else if (!row.energy.joules_per_inference.known()) note_unknown(row.energy.joules_per_inference.unknown_reason, who);
    }
  }

  // Series: (run, kind). Colour by run, fill by kind: solid measured, pattern estimated.
  struct Series {
    const RunRows* run;
    std::string kind;
    std::vector<std::vector<std::string>> boxes;
    std::vector<std::string> sources;
  };
  std::vector<Series> series;
  std::vector<double> values;
  for (const LabeledResult* r : drawn) values.push_back(*r->row->energy.joules_per_inference.value);
  const AxisRange range = LogRange(MinMax(values).low, MinMax(values).high);
  for (size_t g = 0; g < drawn.size(); ++g) {
    const LabeledResult& r = *drawn[g];
    auto it = std::find_if(series.begin(), series.end(),
                           [&](const Series& s) { return s.run == r.run && s.kind == r.row->energy.kind; });
    if (it == series.end()) {
      series.push_back({r.run, r.row->energy.kind, {}, {}});
      it = series.end() - 1;
    }
    const BarSlot slot = SlotOf(static_cast<int>(g), 0, 1);
    it->boxes.push_back(BoxRow(slot.low, slot.high, range.low, *r.row->energy.joules_per_inference.value));
    if (std::find(it->sources.begin(), it->sources.end(), r.row->energy.source) == it->sources.end()) {
      it->sources.push_back(r.row->energy.source);
    }
  }
  std::vector<const RunRows*> run_order;
  for (const RunRows& run : runs) run_order.push_back(&run);

  bool all_estimated = true, all_measured = true;
  for (const Series& s : series) {
    all_estimated = all_estimated && s.kind == "estimated";
    all_measured = all_measured && s.kind == "measured";
  }
  const std::string unit = all_estimated ? "J, estimated" : all_measured ? "J, measured" : "J";

  GnuplotScript script;
  const int groups = static_cast<int>(drawn.size());
  script.width = std::max(900, 140 + 60 * groups);
  script.height = 560;
  const std::string title = std::string("Energy per inference per configuration") +
                            (all_estimated ? " (estimated)" : all_measured ? " (measured)" : " (measured and estimated)");
  std::ostringstream body;
  body << "set title " << GnuplotQuote(title) << "\n";
  body << "set ylabel " << GnuplotQuote("energy per inference (" + unit + ", log scale)") << "\n";
  body << "set logscale y\nset yrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
  body << "set format y '%g'\n";
  body << "set xrange [-0.6:" << GnuplotNumber(groups - 0.4) << "]\n";
  std::vector<std::string> tick_labels;
  for (const LabeledResult* r : drawn) tick_labels.push_back(Shorten(r->label, 34));
  const CategoryAxis axis = CategoryTics(tick_labels, (script.width - 120.0) / groups, kSmallFontSize + 1);
  body << axis.tics << "set bmargin " << axis.bmargin + 2 << "\nset lmargin 12\nset rmargin " << axis.rmargin << "\n";  // + the key
  body << "set key outside bottom center horizontal font '," << kSmallFontSize + 1 << "'\n";
  std::ostringstream plot;
  for (size_t s = 0; s < series.size(); ++s) {
    const size_t color = std::find(run_order.begin(), run_order.end(), series[s].run) - run_order.begin();
    const std::string block = "$energy_s" + std::to_string(s);
    script.data += DataBlock(block, series[s].boxes);
    std::string name = series[s].kind;
    if (series[s].kind == "estimated") name += " (model: " + JoinList(series[s].sources) + ")";
    else name += " (sensor: " + JoinList(series[s].sources) + ")";
    if (runs.size() > 1) name = "#" + std::to_string(color + 1) + " " + name;
    plot << (s ? ", \\\n  " : "plot ")
         << BoxPlot(block, BarSpec(color, series[s].kind != "measured"), "title " + GnuplotQuote(Shorten(name, 60)));
  }
  body << plot.str() << "\n";
  script.body = body.str();

  std::string caption =
      "Energy per inference of each ok configuration (log axis). Solid bars are measured by a sensor with idle power "
      "subtracted; patterned bars are estimated by the power model named in the legend (see each result's "
      "energy.model for its parameters and sources).";
  if (runs.size() > 1) caption += " " + RunsSentence(runs);
  if (!unknown.empty()) {
    size_t count = 0;
    std::vector<std::string> parts;
    for (const auto& [reason, who] : unknown) {
      count += who.size();
      parts.push_back(reason + ": " + JoinList(who));
    }
    caption += " Energy unknown for " + std::to_string(count) + " configuration" + (count == 1 ? "" : "s") + " — ";
    for (size_t i = 0; i < parts.size(); ++i) caption += (i ? "; " : "") + parts[i];
    caption += ".";
  }
  return {Chart{MakeChartFile("energy", "energy", title, caption), script}};
}

}  // namespace edgebench
