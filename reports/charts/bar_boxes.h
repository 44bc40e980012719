// Bars drawn as boxes with explicit corners (gnuplot boxxyerror), so a bar on
// a log axis starts at a stated floor and grouped bars sit where we put them.
#pragma once

#include <string>
#include <vector>

namespace edgebench {

// Where bar `series` of `series_count` sits in group `group`: groups are one
// unit apart, centered on their index; bars share 80% of the unit.
struct BarSlot {
  double low;
  double high;
  double center() const { return (low + high) / 2; }
};
BarSlot SlotOf(int group, int series, int series_count);

// A datablock row for a box from (x_low, y_low) to (x_high, y_high).
std::vector<std::string> BoxRow(double x_low, double x_high, double y_low, double y_high);

// The plot clause drawing a block of BoxRows; `spec` from BarSpec, `title`
// already quoted (or "notitle").
std::string BoxPlot(const std::string& block, const std::string& spec, const std::string& title);

}  // namespace edgebench
