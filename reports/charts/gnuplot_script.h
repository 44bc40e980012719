// Runs one chart's gnuplot script through gnuplot-iostream and writes it twice,
// as <id>.png (pngcairo) and <id>.svg, from the same data: the data travel
// inline as datablocks, so each SVG is self-contained and the same input gives
// the same bytes.
#pragma once

#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

struct GnuplotScript {
  std::string data;  // datablocks ("$name << EOD … EOD"), defined once for both terminals
  std::string body;  // settings and plot commands, run once per terminal after `reset`
  int width = 960;   // canvas, pixels (PNG) and SVG user units
  int height = 540;
};

// Writes <charts_dir>/<chart_id>.png and .svg. gnuplot's stderr goes to a
// temporary file; a failure to start gnuplot or a rejected script is an error
// naming the chart and quoting gnuplot.
Status RenderGnuplot(const std::string& chart_id, const GnuplotScript& script, const std::string& charts_dir);

// A gnuplot single-quoted string literal: nothing is interpreted inside it but
// '' for a quote, so labels print as given (terminals run noenhanced).
std::string GnuplotQuote(const std::string& text);

// A number as gnuplot reads it ("C" locale, enough digits to round-trip a plot).
std::string GnuplotNumber(double value);

// A datablock named `name` ("$lat") of whitespace-separated rows; each cell is
// already formatted (numbers with GnuplotNumber, text with GnuplotQuote-like
// double quotes through DataText).
std::string DataBlock(const std::string& name, const std::vector<std::vector<std::string>>& rows);

// A text cell of a datablock row: double-quoted, inner double quotes replaced.
std::string DataText(const std::string& text);

}  // namespace edgebench
