// Numbers inside projection messages ("weights 9.1 MB exceed RAM 1 MB").
// harness/inspect/units.h formats for the console, but devices/ may not depend
// on harness/, and profiles state memory in decimal megabytes.
#pragma once

#include <cstdint>
#include <string>

namespace edgebench {

// Three significant digits below 1000 ("0.512", "42.1"), whole numbers from
// there up ("3500").
std::string ThreeSignificant(double value);
// Decimal megabytes (1e6 bytes), three significant digits: "9.1 MB".
std::string Megabytes(int64_t bytes);

}  // namespace edgebench
