#include "devices/projection/number_text.h"

#include <cstdio>

namespace edgebench {

std::string ThreeSignificant(double value) {
  char text[32];
  // %.3g switches to an exponent from 1000 up; whole numbers read better there.
  std::snprintf(text, sizeof(text), value >= 1000 || value <= -1000 ? "%.0f" : "%.3g", value);
  return text;
}

std::string Megabytes(int64_t bytes) { return ThreeSignificant(static_cast<double>(bytes) / 1e6) + " MB"; }

}  // namespace edgebench
