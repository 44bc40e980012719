// precision_comparison: FP32 vs FP16 vs INT8 per model, panels stacked so the
// bars of one model line up: p50 latency, weights, peak activation (arena)
// and the accuracy delta. A precision that did not run is a labeled gap; an
// accuracy nobody measured is written as unknown, never drawn as zero.
#include <algorithm>
#include <functional>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/bar_boxes.h"
#include "reports/charts/caption_text.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"

namespace edgebench {
namespace {

// What a bar slot holds: the fastest ok result of the (model, series), else
// the first result that did not run, else nothing (not in the sweep).
struct Cell {
  const ResultRow* ok = nullptr;
  const ResultRow* not_ok = nullptr;
};

struct Panel {
  std::string ylabel;
  bool bytes;  // a byte axis (KiB/MiB ticks) rather than milliseconds
  std::function<Figure(const ResultRow&)> value;
};

// The accuracy figure to draw, when any result carries one.
struct AccuracyMetric {
  std::string field;   // in AccuracyRow::metrics
  std::string ylabel;
  bool log_scale;
};

std::optional<AccuracyMetric> ChooseAccuracyMetric(const std::vector<LabeledResult>& ok) {
  const AccuracyMetric kPreferred[] = {
      {"rel_l2", "relative L2 error vs reference", true},
      {"top1_agreement", "top-1 agreement with reference", false},
  };
  for (const AccuracyMetric& metric : kPreferred) {
    for (const LabeledResult& r : ok) {
      if (r.row->accuracy.metrics.count(metric.field)) return metric;
    }
  }
  return std::nullopt;
}

// A bar that is not drawn says why ("unsupported", "unknown", "error") in
// small grey text standing in its slot, from `y` (a gnuplot position) up.
std::string GapLabel(const std::string& text, const BarSlot& slot, const std::string& y) {
  std::ostringstream label;
  label << "set label " << GnuplotQuote(text) << " at first " << GnuplotNumber(slot.center()) << ", " << y
        << " left rotate by 90 font '," << kSmallFontSize - 1 << "' tc rgb '" << kTextGrey << "'\n";
  return label.str();
}

// Why an accuracy bar is missing. FP32 results are what the other precisions
// are compared with, so they carry no delta of their own: "reference".
std::string AccuracyGap(const Cell& cell) {
  if (!cell.ok) return cell.not_ok->status;
  return cell.ok->precision == "fp32" ? "reference" : "unknown";
}

}  // namespace

std::vector<Chart> PrecisionComparisonCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  if (ok.empty()) return {};
  const std::vector<std::string> models = ModelsInOrder(runs);

  // Series: precision (and run, when several), ranked fp32, fp16, int8.
  struct Series {
    std::string precision;
    const RunRows* run;
    std::string name;
  };
  std::vector<Series> series;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      const bool known = std::any_of(series.begin(), series.end(), [&](const Series& s) {
        return s.precision == row.precision && s.run == &run;
      });
      if (!known) {
        series.push_back({row.precision, &run, row.precision + (runs.size() > 1 ? " [" + run.label + "]" : "")});
      }
    }
  }
  std::stable_sort(series.begin(), series.end(), [](const Series& a, const Series& b) {
    return PrecisionRank(a.precision) < PrecisionRank(b.precision);
  });
  const int series_count = static_cast<int>(series.size());

  std::vector<std::vector<Cell>> cells(models.size(), std::vector<Cell>(series.size()));
  for (size_t m = 0; m < models.size(); ++m) {
    for (size_t s = 0; s < series.size(); ++s) {
      for (const ResultRow& row : series[s].run->results) {
        if (row.model != models[m] || row.precision != series[s].precision) continue;
        Cell& cell = cells[m][s];
        if (row.ok() && (cell.ok == nullptr || row.latency.p50 < cell.ok->latency.p50)) cell.ok = &row;
        if (!row.ok() && cell.not_ok == nullptr) cell.not_ok = &row;
      }
    }
  }

  const std::vector<Panel> panels = {
      {"p50 latency (ms)", false, [](const ResultRow& r) { return Figure::Known(r.latency.p50, "measured"); }},
      {"weights", true, [](const ResultRow& r) { return r.memory.weights_bytes; }},
      {"peak activation", true, [](const ResultRow& r) { return r.memory.peak_activation_bytes; }},
  };
  const std::optional<AccuracyMetric> accuracy = ChooseAccuracyMetric(ok);
  const int panel_count = static_cast<int>(panels.size()) + 1;

  GnuplotScript script;
  const int bars = static_cast<int>(models.size()) * series_count;
  script.width = std::max(900, 170 + 26 * bars + 60 * static_cast<int>(models.size()));
  const double right = 1.0 - 30.0 / script.width;
  std::vector<std::string> tick_labels;
  for (const std::string& model : models) tick_labels.push_back(Shorten(model, 22));
  const CategoryAxis axis = CategoryTics(tick_labels, (right - 110.0 / script.width) * script.width / models.size(),
                                         kSmallFontSize + 1);
  const int panel_height = 200;
  const int bottom_px = 16 * axis.bmargin + 20;  // the model names under the last panel
  script.height = 80 + panel_height * panel_count + bottom_px;
  const double top = 1.0 - 80.0 / script.height;  // title and key above the panels
  const double bottom = static_cast<double>(bottom_px) / script.height;
  const double step = (top - bottom) / panel_count;

  const std::string title = "Precision comparison per model: latency, memory and accuracy";
  std::ostringstream body;
  body << "set multiplot title " << GnuplotQuote(title) << " font '," << kChartFontSize + 2 << "'\n";
  std::vector<std::string> unknown_notes;

  auto panel_frame = [&](int p) {
    body << "reset\n" << CommonSettings();
    body << "set lmargin at screen " << GnuplotNumber(110.0 / script.width) << "\nset rmargin at screen "
         << GnuplotNumber(right) << "\n";
    body << "set tmargin at screen " << GnuplotNumber(top - p * step - 0.01) << "\nset bmargin at screen "
         << GnuplotNumber(top - (p + 1) * step + 0.035) << "\n";
    body << "set xrange [-0.6:" << GnuplotNumber(models.size() - 0.4) << "]\n";
    if (p == panel_count - 1) body << axis.tics;
    else body << "set xtics (" << [&] {
      std::string t;
      for (size_t m = 0; m < models.size(); ++m) t += (m ? ", " : "") + std::string("'' ") + std::to_string(m);
      return t;
    }() << ")\n";
    body << "set key at screen 0.5, screen " << GnuplotNumber(top + 0.005) << " center bottom horizontal font '," << kSmallFontSize + 1 << "'\n";
    if (p != 0) body << "unset key\n";
  };

  for (int p = 0; p < static_cast<int>(panels.size()); ++p) {
    const Panel& panel = panels[p];
    std::vector<double> values;
    for (const auto& row : cells) {
      for (const Cell& cell : row) {
        if (cell.ok && panel.value(*cell.ok).known()) values.push_back(*panel.value(*cell.ok).value);
      }
    }
    panel_frame(p);
    if (values.empty()) continue;
    const AxisRange range = LogRange(std::max(MinMax(values).low, 1e-9), MinMax(values).high);
    body << "set logscale y\nset yrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
    body << "set ylabel " << GnuplotQuote(panel.ylabel + (panel.bytes ? " (bytes, log)" : " (log)")) << "\n";
    if (panel.bytes) body << ByteTics("y", range);
    std::ostringstream plot;
    for (int s = 0; s < series_count; ++s) {
      std::vector<std::vector<std::string>> boxes;
      for (size_t m = 0; m < models.size(); ++m) {
        const Cell& cell = cells[m][s];
        const BarSlot slot = SlotOf(static_cast<int>(m), s, series_count);
        std::string gap;
        if (cell.ok) {
          const Figure v = panel.value(*cell.ok);
          if (v.known()) boxes.push_back(BoxRow(slot.low, slot.high, range.low, *v.value));
          else gap = "unknown";
          if (!v.known()) unknown_notes.push_back(panel.ylabel + " of " + cell.ok->config_key + ": " + v.unknown_reason);
        } else if (cell.not_ok) {
          gap = cell.not_ok->status;
        }
        if (!gap.empty()) {
          body << GapLabel(gap, slot, "first " + GnuplotNumber(range.low * 1.3));
        }
      }
      const std::string block = "$prec_p" + std::to_string(p) + "_s" + std::to_string(s);
      // An empty block still needs a line for gnuplot to accept the plot.
      if (boxes.empty()) boxes.push_back({"NaN", "NaN", "NaN", "NaN"});
      script.data += DataBlock(block, boxes);
      plot << (s ? ", \\\n  " : "plot ") << BoxPlot(block, BarSpec(s, s > 0), "title " + GnuplotQuote(series[s].name));
    }
    body << plot.str() << "\n";
  }

  // The accuracy panel: the metric when present, else "unknown" and the reason.
  const int p = panel_count - 1;
  panel_frame(p);
  std::string accuracy_caption;
  if (accuracy) {
    std::vector<double> values;
    for (const auto& row : cells) {
      for (const Cell& cell : row) {
        if (cell.ok && cell.ok->accuracy.metrics.count(accuracy->field)) {
          values.push_back(cell.ok->accuracy.metrics.at(accuracy->field));
        }
      }
    }
    AxisRange range{0, 1.05};
    if (accuracy->log_scale) {
      range = LogRange(std::max(MinMax(values).low, 1e-12), std::max(MinMax(values).high, 1e-12));
      body << "set logscale y\n";
    }
    body << "set yrange [" << GnuplotNumber(range.low) << ":" << GnuplotNumber(range.high) << "]\n";
    body << "set ylabel " << GnuplotQuote(accuracy->ylabel) << "\n";
    std::ostringstream plot;
    for (int s = 0; s < series_count; ++s) {
      std::vector<std::vector<std::string>> boxes;
      for (size_t m = 0; m < models.size(); ++m) {
        const Cell& cell = cells[m][s];
        const BarSlot slot = SlotOf(static_cast<int>(m), s, series_count);
        if (cell.ok && cell.ok->accuracy.metrics.count(accuracy->field)) {
          boxes.push_back(BoxRow(slot.low, slot.high, range.low, cell.ok->accuracy.metrics.at(accuracy->field)));
        } else if (cell.ok || cell.not_ok) {
          body << GapLabel(AccuracyGap(cell), slot, "graph 0.05");
        }
      }
      if (boxes.empty()) boxes.push_back({"NaN", "NaN", "NaN", "NaN"});
      const std::string block = "$prec_acc_s" + std::to_string(s);
      script.data += DataBlock(block, boxes);
      plot << (s ? ", \\\n  " : "plot ") << BoxPlot(block, BarSpec(s, s > 0), "notitle");
    }
    body << plot.str() << "\n";
    accuracy_caption = "Accuracy: " + accuracy->ylabel + " (" + accuracy->field +
                       "); FP32 is the reference the others are compared with; unknown where a result has none.";
  } else {
    std::vector<std::string> reasons;
    for (const LabeledResult& r : ok) {
      if (std::find(reasons.begin(), reasons.end(), r.row->accuracy.unknown_reason) == reasons.end()) {
        reasons.push_back(r.row->accuracy.unknown_reason);
      }
    }
    body << "set yrange [0:1]\nunset ytics\nset ylabel 'accuracy delta'\n";
    body << "set label " << GnuplotQuote("accuracy: unknown (" + JoinList(reasons) + ")") << " at graph 0.5, graph 0.5 center tc rgb '"
         << kTextGrey << "'\n";
    body << "plot NaN notitle\n";
    accuracy_caption = "Accuracy delta: unknown for every configuration (" + JoinList(reasons) + "); no bar is drawn.";
  }
  body << "unset multiplot\n";
  script.body = body.str();

  std::string caption =
      "Per model, the fastest ok configuration of each precision: p50 latency, weights and the planned activation arena "
      "(log axes; each precision its own colour and fill, fp32 solid). A precision that did not run is a gap labeled with "
      "its status. " + accuracy_caption + " ";
  if (!unknown_notes.empty()) caption += "Unknown: " + JoinList(unknown_notes) + ". ";
  caption += NotDrawnSentence(NotOkResults(runs));
  return {Chart{MakeChartFile("precision_comparison", "precision_comparison", title, caption), script}};
}

}  // namespace edgebench
