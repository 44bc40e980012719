// How every chart looks: one list of series styles (colour, dash, point,
// fill pattern) and the fonts and sizes, so all charts read alike.
//
// The colours differ in lightness as well as hue (dark navy, orange, pale
// grey-green, purple…) and each series also has its own dash type, point type
// and fill pattern, so a chart printed in grey still tells the series apart.
#pragma once

#include <cstddef>
#include <string>

namespace edgebench {

struct SeriesStyle {
  const char* color;  // "#rrggbb"
  int dash_type;      // gnuplot dt
  int point_type;     // gnuplot pt: filled shapes; point_type_hollow is the same shape open
  int point_type_hollow;
  int fill_pattern;   // gnuplot fs pattern (cairo/svg patterns)
};

// Series i (cycling when there are more series than styles).
const SeriesStyle& SeriesStyleAt(size_t i);
size_t SeriesStyleCount();

constexpr const char* kChartFont = "DejaVu Sans";
constexpr int kChartFontSize = 10;
constexpr int kSmallFontSize = 8;
constexpr const char* kTextGrey = "#404040";   // annotations: "unsupported", "unknown"
constexpr const char* kGridGrey = "#d0d0d0";

// "lc rgb '#..' dt N pt N lw 2" for lines and points of series i.
std::string LineSpec(size_t i);
// "lc rgb '#..'" alone, for whiskers and markers that set their own line and point.
std::string ColorSpec(size_t i);
// Bars of series i: "fs solid" (measured, the default) or its pattern (estimated).
std::string BarSpec(size_t i, bool patterned);

// Settings every chart starts from: grid, border, key font, no enhanced text
// (so model names with underscores print as they are).
std::string CommonSettings();

// A label shortened to `max_chars` with a trailing "…", so tick labels stay readable.
std::string Shorten(const std::string& label, size_t max_chars);

}  // namespace edgebench
