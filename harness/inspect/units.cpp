#include "harness/inspect/units.h"

#include <cstdio>

namespace edgebench {

std::string FormatCount(int64_t count) {
  static const char* const kPrefixes[] = {"", "k", "M", "G", "T"};
  double v = static_cast<double>(count);
  int p = 0;
  while (v >= 1000.0 && p < 4) {
    v /= 1000.0;
    ++p;
  }
  char buf[32];
  if (p == 0) {
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(count));
  } else {
    std::snprintf(buf, sizeof(buf), "%.3g %s", v, kPrefixes[p]);
  }
  return buf;
}

std::string FormatBytes(int64_t bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4) {
    v /= 1024.0;
    ++u;
  }
  char buf[32];
  if (u == 0) {
    std::snprintf(buf, sizeof(buf), "%lld B", static_cast<long long>(bytes));
  } else {
    std::snprintf(buf, sizeof(buf), "%.3g %s", v, kUnits[u]);
  }
  return buf;
}

}  // namespace edgebench
