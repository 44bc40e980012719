// memory_breakdown: per configuration, the weights beside the activation
// arena, and the process's peak RSS as a marker. Scratch is planned inside
// the arena (memory.scratch_in_arena), so the arena bar is activations +
// scratch, never scratch on top of the arena.
#include <algorithm>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/bar_boxes.h"
#include "reports/charts/caption_text.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"

namespace edgebench {

std::vector<Chart> MemoryBreakdownCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  if (ok.empty()) return {};

  // One list of what is drawn per configuration; the style index is the series.
  enum Part { kWeights, kActivations, kScratch, kRss };
  std::vector<double> values;
  std::vector<std::string> unknown;
  for (const LabeledResult& r : ok) {
    const MemoryRow& mem = r.row->memory;
    for (const Figure* v : {&mem.weights_bytes, &mem.peak_activation_bytes, &mem.rss_peak_bytes}) {
      if (v->known() && *v->value > 0) values.push_back(*v->value);
    }
    for (const auto& [name, v] : {std::make_pair("weights", &mem.weights_bytes),
                                  std::make_pair("arena", &mem.peak_activation_bytes),
                                  std::make_pair("scratch", &mem.scratch_bytes),
                                  std::make_pair("RSS peak", &mem.rss_peak_bytes)}) {
      if (!v->known()) unknown.push_back(r.label + " " + name + " (" + v->unknown_reason + ")");
    }
  }
  if (values.empty()) return {};
  const AxisRange range = LogRange(MinMax(values).low, MinMax(values).high);

  std::vector<std::vector<std::string>> weights, activations, scratch, rss, arena_labels;
  for (size_t g = 0; g < ok.size(); ++g) {
    const MemoryRow& mem = ok[g].row->memory;
    const BarSlot w = SlotOf(static_cast<int>(g), 0, 2);
    const BarSlot a = SlotOf(static_cast<int>(g), 1, 2);
    if (mem.weights_bytes.known() && *mem.weights_bytes.value > 0) {
      weights.push_back(BoxRow(w.low, w.high, range.low, *mem.weights_bytes.value));
    }
    if (mem.peak_activation_bytes.known() && *mem.peak_activation_bytes.value > 0) {
      const double s = mem.scratch_bytes.known() ? *mem.scratch_bytes.value : 0;
      // Inside the arena the activations take what scratch leaves; outside, scratch adds to it.
      const double arena = mem.scratch_in_arena ? *mem.peak_activation_bytes.value : *mem.peak_activation_bytes.value + s;
      const double act_top = std::max(arena - s, range.low);
      activations.push_back(BoxRow(a.low, a.high, range.low, act_top));
      if (s > 0) scratch.push_back(BoxRow(a.low, a.high, act_top, arena));
    }
    if (mem.rss_peak_bytes.known() && *mem.rss_peak_bytes.value > 0) {
      rss.push_back({GnuplotNumber(static_cast<double>(g)), GnuplotNumber(*mem.rss_peak_bytes.value)});
    }
  }

  GnuplotScript script;
  const int groups = static_cast<int>(ok.size());
  script.width = std::max(900, 140 + 70 * groups);
  script.height = 600;
  const std::string title = "Memory per configuration: weights, activation arena (scratch inside) and peak RSS";
  std::ostringstream body;
  body << "set title " << GnuplotQuote(title) << "\n";
  body << "set ylabel 'bytes (log scale; 1 KiB = 1024 B)'\n";
  body << "set logscale y\nset yrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
  body << ByteTics("y", range);
  body << "set xrange [-0.6:" << GnuplotNumber(groups - 0.4) << "]\n";
  std::vector<std::string> tick_labels;
  for (const LabeledResult& r : ok) tick_labels.push_back(Shorten(r.label, 34));
  const CategoryAxis axis = CategoryTics(tick_labels, (script.width - 120.0) / groups, kSmallFontSize + 1);
  body << axis.tics << "set bmargin " << axis.bmargin + 2 << "\nset lmargin 12\nset rmargin " << axis.rmargin << "\n";  // + the key
  body << "set key outside bottom center horizontal font '," << kSmallFontSize + 1 << "'\n";

  auto block = [&](const std::string& name, std::vector<std::vector<std::string>> rows, size_t width) {
    if (rows.empty()) rows.push_back(std::vector<std::string>(width, "NaN"));
    script.data += DataBlock(name, rows);
  };
  block("$mem_weights", weights, 4);
  block("$mem_activations", activations, 4);
  block("$mem_scratch", scratch, 4);
  block("$mem_rss", rss, 2);
  body << "plot " << BoxPlot("$mem_weights", BarSpec(kWeights, false), "title 'weights'") << ", \\\n  "
       << BoxPlot("$mem_activations", BarSpec(kActivations, false), "title 'arena: activations'") << ", \\\n  "
       << BoxPlot("$mem_scratch", BarSpec(kScratch, true), "title 'arena: scratch (planned inside)'") << ", \\\n  "
       << "$mem_rss using 1:2 with points lc rgb '#000000' pt " << SeriesStyleAt(kRss).point_type
       << " ps 1.6 title 'RSS peak (whole process)'\n";
  script.body = body.str();

  std::string caption =
      "Per ok configuration: weights (as stored for the precision) beside the planned activation arena, whose top "
      "part is the scratch planned inside it (memory.scratch_in_arena), and the worker process's peak resident set "
      "(VmHWM: libraries, model file, arena and allocator slack) as a marker. Log axis in bytes.";
  if (!unknown.empty()) caption += " Unknown: " + JoinList(unknown) + ".";
  if (runs.size() > 1) caption += " " + RunsSentence(runs);
  const std::string not_drawn = NotDrawnSentence(NotOkResults(runs));
  if (!not_drawn.empty()) caption += " " + not_drawn;
  return {Chart{MakeChartFile("memory_breakdown", "memory_breakdown", title, caption), script}};
}

}  // namespace edgebench
