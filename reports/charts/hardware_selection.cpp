// hardware_selection_<model>: the model projected onto every device profile.
// Left: projected latency vs energy per inference (log-log), fits filled and
// doesn't-fit hollow, the Pareto front of the devices where it fits joined by
// a line, and the measuring host as the measured point. Right: price vs
// projected latency. Points are labeled "rpi5 $80".
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "reports/charts/axis_ticks.h"
#include "reports/charts/chart_kinds.h"
#include "reports/charts/chart_style.h"
#include "reports/charts/caption_text.h"

namespace edgebench {
namespace {

struct DevicePoint {
  std::string device;
  std::string label;  // "rpi5 $80"
  double latency_ms;
  double joules;
  bool fits;
  std::optional<double> price_usd;
  bool on_front = false;
};

// Fitting points no other fitting point beats on both latency and energy.
void MarkParetoFront(std::vector<DevicePoint>& points) {
  for (DevicePoint& p : points) {
    if (!p.fits) continue;
    p.on_front = std::none_of(points.begin(), points.end(), [&](const DevicePoint& q) {
      return q.fits && q.latency_ms <= p.latency_ms && q.joules <= p.joules &&
             (q.latency_ms < p.latency_ms || q.joules < p.joules);
    });
  }
}

std::string PriceText(double usd) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), usd == std::floor(usd) ? "$%.0f" : "$%.2f", usd);
  return buffer;
}

// Label rows alternate above and below their points (in latency order), so
// neighbours on a crowded log axis do not print over each other.
void LabelBlocks(const std::vector<DevicePoint>& points, const std::string& prefix, bool price_axis,
                 GnuplotScript& script, std::ostringstream& plot) {
  std::vector<const DevicePoint*> sorted;
  for (const DevicePoint& p : points) {
    if (!price_axis || p.price_usd) sorted.push_back(&p);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const DevicePoint* a, const DevicePoint* b) { return a->latency_ms < b->latency_ms; });
  std::vector<std::vector<std::string>> up, down;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const DevicePoint& p = *sorted[i];
    (i % 2 ? down : up)
        .push_back({GnuplotNumber(p.latency_ms), GnuplotNumber(price_axis ? *p.price_usd : p.joules),
                    DataText(price_axis ? p.device : p.label)});
  }
  for (auto* rows : {&up, &down}) {
    if (rows->empty()) rows->push_back({"NaN", "NaN", "\"\""});
  }
  script.data += DataBlock(prefix + "_up", up) + DataBlock(prefix + "_down", down);
  plot << ", \\\n  " << prefix << "_up using 1:2:3 with labels offset 0.7,0.75 left font '," << kSmallFontSize
       << "' notitle, \\\n  " << prefix << "_down using 1:2:3 with labels offset 0.7,-0.75 left font '," << kSmallFontSize
       << "' notitle";
}

}  // namespace

std::vector<Chart> HardwareSelectionCharts(const std::vector<RunRows>& runs) {
  const std::vector<LabeledResult> ok = OkResults(runs);
  std::vector<Chart> charts;
  for (const std::string& model : ModelsInOrder(runs)) {
    const LabeledResult* fastest = nullptr;
    for (const LabeledResult& r : ok) {
      if (r.row->model != model || r.row->projections.empty()) continue;
      if (fastest == nullptr || r.row->latency.p50 < fastest->row->latency.p50) fastest = &r;
    }
    if (fastest == nullptr) continue;
    std::map<std::string, const DeviceRow*> targets;
    for (const DeviceRow& t : fastest->run->device.targets) targets[t.id] = &t;

    std::vector<DevicePoint> points;
    std::vector<std::string> unknown, no_price, over_budget;
    for (const ProjectionRow& p : fastest->row->projections) {
      if (!p.latency_ms.known() || !p.joules_per_inference.known()) {
        unknown.push_back(p.device + " (" +
                          (p.latency_ms.known() ? p.joules_per_inference.unknown_reason : p.latency_ms.unknown_reason) +
                          ")");
        continue;
      }
      // A log-log chart cannot place 0; say so rather than call it unknown.
      if (*p.latency_ms.value <= 0 || *p.joules_per_inference.value <= 0) {
        unknown.push_back(p.device + " (projected latency or energy is 0, which a log scale cannot show)");
        continue;
      }
      DevicePoint point{p.device, p.device, *p.latency_ms.value, *p.joules_per_inference.value, p.fits, {}};
      auto t = targets.find(p.device);
      if (t != targets.end() && t->second->price_usd) {
        point.price_usd = t->second->price_usd->value;
        point.label += " " + PriceText(*point.price_usd);
      } else {
        no_price.push_back(p.device);
      }
      if (!p.budget_problems.empty()) over_budget.push_back(p.device);
      points.push_back(point);
    }
    if (points.empty()) continue;
    MarkParetoFront(points);

    const LatencyRow& host_latency = fastest->row->latency;
    const Figure& host_joules = fastest->row->energy.joules_per_inference;
    const bool host_drawn = host_joules.known() && *host_joules.value > 0;

    std::vector<double> xs, ys, prices;
    std::vector<std::vector<std::string>> fit, no_fit, front, priced_fit, priced_no_fit;
    for (const DevicePoint& p : points) {
      xs.push_back(p.latency_ms);
      ys.push_back(p.joules);
      const std::vector<std::string> row = {GnuplotNumber(p.latency_ms), GnuplotNumber(p.joules)};
      (p.fits ? fit : no_fit).push_back(row);
      if (p.price_usd) {
        prices.push_back(*p.price_usd);
        (p.fits ? priced_fit : priced_no_fit).push_back({GnuplotNumber(p.latency_ms), GnuplotNumber(*p.price_usd)});
      }
    }
    std::vector<const DevicePoint*> front_points;
    for (const DevicePoint& p : points) {
      if (p.on_front) front_points.push_back(&p);
    }
    std::sort(front_points.begin(), front_points.end(),
              [](const DevicePoint* a, const DevicePoint* b) { return a->latency_ms < b->latency_ms; });
    for (const DevicePoint* p : front_points) front.push_back({GnuplotNumber(p->latency_ms), GnuplotNumber(p->joules)});
    if (host_drawn) {
      xs.push_back(host_latency.p50);
      ys.push_back(*host_joules.value);
    }
    const std::string prefix = "$hw";
    GnuplotScript script;
    script.width = 1280;
    script.height = 620;
    auto add = [&](const std::string& name, std::vector<std::vector<std::string>> rows, size_t width) {
      if (rows.empty()) rows.push_back(std::vector<std::string>(width, "NaN"));
      script.data += DataBlock(name, rows);
    };
    add("$hw_fit", fit, 2);
    add("$hw_nofit", no_fit, 2);
    add("$hw_front", front, 2);
    add("$hw_price_fit", priced_fit, 2);
    add("$hw_price_nofit", priced_no_fit, 2);
    const std::string host_kind = fastest->row->energy.kind;
    add("$hw_host", host_drawn ? std::vector<std::vector<std::string>>{{GnuplotNumber(host_latency.p50),
                                                                        GnuplotNumber(*host_joules.value),
                                                                        DataText("this host")}}
                               : std::vector<std::vector<std::string>>{},
        3);

    const std::string title = "Hardware selection, " + model + ": projected latency, energy and price per device";
    const AxisRange xr = LogRange(MinMax(xs).low, MinMax(xs).high);
    const AxisRange yr = LogRange(MinMax(ys).low, MinMax(ys).high);
    const std::string fit_style = std::string("lc rgb '") + SeriesStyleAt(0).color + "' pt " +
                                  std::to_string(SeriesStyleAt(0).point_type) + " ps 1.5";
    const std::string no_fit_style = std::string("lc rgb '") + SeriesStyleAt(1).color + "' pt " +
                                     std::to_string(SeriesStyleAt(1).point_type_hollow) + " ps 1.5 lw 2";
    std::ostringstream body;
    body << "set multiplot title " << GnuplotQuote(title) << " font '," << kChartFontSize + 2 << "'\n";
    // Left panel: latency vs energy.
    body << "set origin 0,0\nset size 0.62,0.94\n";
    body << "set title 'projected (roofline per op, calibrated on this host)' font '," << kChartFontSize << "'\n";
    body << "set logscale xy\nset xrange [" << GnuplotNumber(xr.low) << ":" << GnuplotNumber(xr.high) << "]\n";
    body << "set yrange [" << GnuplotNumber(yr.low) << ":" << GnuplotNumber(yr.high) << "]\n";
    body << "set format x '%g'\nset format y '%g'\n";
    body << "set xlabel 'projected latency per inference (ms, log scale)'\n";
    body << "set ylabel " << GnuplotQuote("energy per inference (J, log scale; projected: estimated)") << "\n";
    body << "set grid xtics ytics lc rgb '" << kGridGrey << "'\n";
    body << "set key top left font '," << kSmallFontSize + 1 << "'\n";
    std::ostringstream plot;
    plot << "plot $hw_front using 1:2 with lines lc rgb '" << SeriesStyleAt(0).color
         << "' dt 2 lw 1.5 title 'Pareto front (fits; min latency and energy)', \\\n  "
         << "$hw_fit using 1:2 with points " << fit_style << " title 'fits (projected)', \\\n  "
         << "$hw_nofit using 1:2 with points " << no_fit_style << " title \"doesn't fit (projected)\", \\\n  "
         << "$hw_host using 1:2 with points lc rgb '#000000' pt 3 ps 2 lw 2 title "
         << GnuplotQuote("this host: measured p50, " + host_kind + " energy") << ", \\\n  "
         << "$hw_host using 1:2:3 with labels offset 0.9,0 left font '," << kSmallFontSize << "' notitle";
    LabelBlocks(points, "$hw_lab", false, script, plot);
    body << plot.str() << "\n";

    // Right panel: price vs latency, the devices with a price.
    body << "reset\n" << CommonSettings();
    body << "set origin 0.62,0\nset size 0.38,0.94\n";
    body << "set title 'price (device profiles)' font '," << kChartFontSize << "'\n";
    body << "set logscale x\nset xrange [" << GnuplotNumber(xr.low) << ":" << GnuplotNumber(xr.high) << "]\n";
    body << "set format x '%g'\nset xlabel 'projected latency (ms, log scale)'\nset ylabel 'price (USD, log scale)'\n";
    body << "set grid xtics ytics lc rgb '" << kGridGrey << "'\nunset key\n";
    std::ostringstream price_plot;
    if (!prices.empty()) {
      const AxisRange pr = LogRange(MinMax(prices).low, MinMax(prices).high);
      body << "set logscale y\nset yrange [" << GnuplotNumber(pr.low) << ":" << GnuplotNumber(pr.high)
           << "]\nset format y '$%g'\n";
      price_plot << "plot $hw_price_fit using 1:2 with points " << fit_style << " notitle, \\\n  "
                 << "$hw_price_nofit using 1:2 with points " << no_fit_style << " notitle";
      LabelBlocks(points, "$hw_plab", true, script, price_plot);
    } else {
      body << "set yrange [0:1]\nunset ytics\nset label 'no device profile states a price' at graph 0.5, graph 0.5 center "
              "tc rgb '" << kTextGrey << "'\n";
      price_plot << "plot NaN notitle";
    }
    body << price_plot.str() << "\nunset multiplot\n";
    script.body = body.str();

    std::string caption = "Projections of " + fastest->row->config_key +
                          " (the fastest ok configuration of " + model +
                          ") onto each device profile: roofline per op with an efficiency calibrated on this host "
                          "(results[].projections[].method). Filled markers fit the device (RAM, flash, precision); "
                          "hollow ones do not. The dashed line joins the Pareto front among fitting devices. The "
                          "black marker is this host's measured p50 with its " +
                          host_kind + " energy.";
    std::vector<std::string> front_names;
    for (const DevicePoint* p : front_points) front_names.push_back(p->device);
    if (!front_names.empty()) caption += " Pareto front: " + JoinList(front_names) + ".";
    if (!over_budget.empty()) caption += " Over a class budget (latency or model size): " + JoinList(over_budget) + ".";
    if (!no_price.empty()) caption += " Price unknown (no price in the profile): " + JoinList(no_price) + ".";
    if (!unknown.empty()) caption += " Not drawn, projection unknown: " + JoinList(unknown) + ".";
    if (!host_drawn) caption += " This host's energy is unknown (" + host_joules.unknown_reason + ").";
    charts.push_back(Chart{MakeChartFile("hardware_selection_" + ChartIdPart(model), "hardware_selection", title,
                                         caption),
                           script});
  }
  return charts;
}

}  // namespace edgebench
