#include "reports/charts/chart_style.h"

#include <sstream>

namespace edgebench {
namespace {

// Lightness (CIE L*) in brackets, so neighbours stay apart in grey:
// navy 22, orange 66, grey-green 76, purple 36, ochre 53, teal 49, red 45, grey 60.
constexpr SeriesStyle kSeriesStyles[] = {
    {"#0b2e59", 1, 7, 6, 4},   // navy, solid, filled circle, pattern //
    {"#e07b00", 2, 5, 4, 5},   // orange, dashed, filled square, pattern \\ .
    {"#8fb98a", 3, 9, 8, 2},   // grey-green, dotted, filled triangle, cross-hatch
    {"#6a3d9a", 4, 13, 12, 6}, // purple, dash-dot, filled diamond
    {"#a6761d", 5, 11, 10, 7}, // ochre, dash-dot-dot, filled down-triangle
    {"#1b7f79", 6, 15, 14, 1}, // teal, pentagon
    {"#c0392b", 7, 7, 6, 4},   // red
    {"#8c8c8c", 8, 5, 4, 5},   // mid grey
};

}  // namespace

const SeriesStyle& SeriesStyleAt(size_t i) { return kSeriesStyles[i % SeriesStyleCount()]; }
size_t SeriesStyleCount() { return sizeof(kSeriesStyles) / sizeof(kSeriesStyles[0]); }

std::string LineSpec(size_t i) {
  const SeriesStyle& s = SeriesStyleAt(i);
  std::ostringstream out;
  out << "lc rgb '" << s.color << "' dt " << s.dash_type << " pt " << s.point_type << " lw 2";
  return out.str();
}

std::string ColorSpec(size_t i) { return std::string("lc rgb '") + SeriesStyleAt(i).color + "'"; }

std::string BarSpec(size_t i, bool patterned) {
  const SeriesStyle& s = SeriesStyleAt(i);
  std::ostringstream out;
  out << "lc rgb '" << s.color << "' ";
  if (patterned) {
    // A dark outline keeps a sparse pattern in a light colour visible as a bar.
    out << "fs pattern " << s.fill_pattern << " border lc rgb '#303030'";
  } else {
    out << "fs solid 0.9 border lc rgb '#202020'";
  }
  return out.str();
}

std::string CommonSettings() {
  std::ostringstream out;
  out << "set encoding utf8\n"
      << "set border 3 lc rgb '#404040'\n"
      << "set tics nomirror out scale 0.6\n"
      << "set grid ytics lc rgb '" << kGridGrey << "' lw 1 dt 1\n"
      << "set key noenhanced font '," << kChartFontSize << "' box lc rgb '#c0c0c0' opaque samplen 2.5 spacing 1.1\n"
      << "set title noenhanced font '," << kChartFontSize + 2 << "'\n"
      << "set xlabel noenhanced\nset ylabel noenhanced\n"
      << "set style fill solid 0.9 border\n";
  return out.str();
}

std::string Shorten(const std::string& label, size_t max_chars) {
  if (label.size() <= max_chars || max_chars < 2) return label;
  return label.substr(0, max_chars - 1) + "…";
}

}  // namespace edgebench
