#include "reports/charts/axis_ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "reports/charts/gnuplot_script.h"

namespace edgebench {

AxisRange LogRange(double min_value, double max_value) {
  const double low = std::pow(10.0, std::floor(std::log10(min_value / 1.5)));
  const double high = std::pow(10.0, std::ceil(std::log10(max_value * 1.5)));
  return {low, high};
}

std::string ByteTics(const std::string& axis, const AxisRange& range) {
  std::ostringstream out;
  out << "set " << axis << "tics (";
  bool first = true;
  for (double b = 1; b <= range.high * 1.0001; b *= 4) {
    if (b < range.low * 0.9999) continue;
    out << (first ? "" : ", ") << GnuplotQuote(ShortBytes(b)) << " " << GnuplotNumber(b);
    first = false;
  }
  out << ")\n";
  return out.str();
}

CategoryAxis CategoryTics(const std::vector<std::string>& labels, double slot_px, int font_size) {
  size_t longest = 0;
  for (const std::string& label : labels) longest = std::max(longest, label.size());
  // DejaVu Sans averages about 0.6 em per character.
  const double text_px = 0.6 * font_size * static_cast<double>(longest);
  CategoryAxis axis;
  std::ostringstream out;
  out << "set xtics (";
  for (size_t i = 0; i < labels.size(); ++i) out << (i ? ", " : "") << GnuplotQuote(labels[i]) << " " << i;
  out << ") font '," << font_size << "'";
  if (text_px <= slot_px * 0.92) {
    out << " center\n";
  } else {
    out << " rotate by -30 left\n";
    // sin(30°) of the text's length drops below the axis, in lines of ~1.7 em.
    axis.bmargin = 3 + static_cast<int>(std::ceil(0.5 * text_px / (1.7 * font_size)));
    // cos(30°) of the last label's length, in characters of the 10-point chart font (~6 px).
    const double last_px = 0.6 * font_size * static_cast<double>(labels.empty() ? 0 : labels.back().size());
    axis.rmargin = std::max(3, static_cast<int>(std::ceil(0.87 * last_px / 6.0)) - 2);
  }
  axis.tics = out.str();
  return axis;
}

std::string ShortNumber(double value) {
  char buffer[32];
  const double magnitude = std::fabs(value);
  if (magnitude >= 100 || magnitude == 0) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", value);
  } else if (magnitude >= 0.1) {
    std::snprintf(buffer, sizeof(buffer), "%.3g", value);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.2g", value);
  }
  return buffer;
}

std::string ShortBytes(double bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  size_t unit = 0;
  while (bytes >= 1024 && unit + 1 < sizeof(kUnits) / sizeof(kUnits[0])) {
    bytes /= 1024;
    ++unit;
  }
  char buffer[32];
  if (unit == 0 || bytes >= 100 || bytes == std::floor(bytes)) {
    std::snprintf(buffer, sizeof(buffer), "%.0f %s", bytes, kUnits[unit]);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.3g %s", bytes, kUnits[unit]);
  }
  return buffer;
}

AxisRange MinMax(const std::vector<double>& values) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return {*lo, *hi};
}

}  // namespace edgebench
