// Axis ranges and tick labels that read well: log ranges padded to whole
// decades, byte axes ticked in B/KiB/MiB/GiB, and numbers printed short.
#pragma once

#include <string>
#include <vector>

namespace edgebench {

struct AxisRange {
  double low = 0;
  double high = 1;
};

// A log-scale range covering [min_value, max_value] with some room: from the
// power of ten at or below min/1.5 to the one at or above max*1.5.
AxisRange LogRange(double min_value, double max_value);

// "set {axis}tics (…)" for a log byte axis over `range`: ticks at powers of
// four, labeled "384 B", "16 KiB", "4 MiB" (1 KiB = 1024 B).
std::string ByteTics(const std::string& axis, const AxisRange& range);

// Category ticks at 0..n-1 (bars, runs): horizontal when every label fits
// its slot of `slot_px` pixels, else rotated, with the bottom margin (in
// character heights) the labels need.
struct CategoryAxis {
  std::string tics;  // the "set xtics (...)" line
  int bmargin = 4;
  int rmargin = 3;  // rotated labels reach right of their tick; the last must not be cut
};
CategoryAxis CategoryTics(const std::vector<std::string>& labels, double slot_px, int font_size);

// Short figures for labels: "0.0017", "2.37", "104.8", "532".
std::string ShortNumber(double value);
// "384 B", "21.7 KiB", "13.3 MiB".
std::string ShortBytes(double bytes);

// The smallest and largest of `values` (which must not be empty).
AxisRange MinMax(const std::vector<double>& values);

}  // namespace edgebench
