// Pixel statistics of a PNG, for tests that check a rendered chart or a
// screenshot is neither blank nor solid ink. Read through Debian's python3-pil
// (scripts/install-deps.sh installs it), so the tests need no PNG decoder.
#pragma once

#include <string>

#include "runtime/core/status.h"

namespace edgebench::testing {

struct PngStats {
  int width = 0;
  int height = 0;
  int distinct_colors = 0;
  // Fraction of pixels differing from the most common colour (the background).
  double non_background_fraction = 0.0;
};

// Fails, naming `path`, when the file is missing, is not a PNG, or python3-pil
// is not installed.
Expected<PngStats> ReadPngStats(const std::string& path);

}  // namespace edgebench::testing
