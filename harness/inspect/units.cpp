#include "harness/inspect/units.h"

#include <cstdio>

namespace edgebench {
namespace {

// Divides by `base` until below it, then prints three significant digits and the unit.
std::string FormatScaled(int64_t value, double base, const char* const* units, int num_units, const char* exact_unit) {
  double v = static_cast<double>(value);
  int u = 0;
  while (v >= base && u < num_units - 1) {
    v /= base;
    ++u;
  }
  char buf[32];
  if (u == 0) {
    std::snprintf(buf, sizeof(buf), "%lld%s", static_cast<long long>(value), exact_unit);
  } else {
    std::snprintf(buf, sizeof(buf), "%.3g %s", v, units[u]);
  }
  return buf;
}

}  // namespace

std::string FormatCount(int64_t count) {
  static const char* const kPrefixes[] = {"", "k", "M", "G", "T"};
  return FormatScaled(count, 1000.0, kPrefixes, 5, "");
}

std::string FormatBytes(int64_t bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  return FormatScaled(bytes, 1024.0, kUnits, 5, " B");
}

}  // namespace edgebench
