#include "reports/charts/bar_boxes.h"

#include "reports/charts/gnuplot_script.h"

namespace edgebench {

BarSlot SlotOf(int group, int series, int series_count) {
  const double width = 0.8 / series_count;
  const double low = group - 0.4 + series * width;
  // A sliver of space between neighbouring bars keeps their borders apart.
  return {low + width * 0.04, low + width * 0.96};
}

std::vector<std::string> BoxRow(double x_low, double x_high, double y_low, double y_high) {
  return {GnuplotNumber(x_low), GnuplotNumber(x_high), GnuplotNumber(y_low), GnuplotNumber(y_high)};
}

std::string BoxPlot(const std::string& block, const std::string& spec, const std::string& title) {
  return block + " using (($1+$2)/2):(($3+$4)/2):1:2:3:4 with boxxyerror " + spec + " " + title;
}

}  // namespace edgebench
