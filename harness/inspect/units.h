// Human-readable numbers for console output: "1.82 G", "3.4 MiB".
#pragma once

#include <cstdint>
#include <string>

namespace edgebench {

// Decimal SI prefixes (k, M, G, T), three significant digits.
std::string FormatCount(int64_t count);
// Binary prefixes (KiB, MiB, GiB).
std::string FormatBytes(int64_t bytes);

}  // namespace edgebench
