// Reads of the small text files under /sys and /proc. Their stat size is
// meaningless (0 or 4096), so they are read to the end instead of by size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// The whole file; NotFound("no <path>") when it is absent.
Expected<std::string> ReadSysfsText(const std::string& path);
// The file's content without surrounding whitespace; an empty file is an error.
Expected<std::string> ReadSysfsValue(const std::string& path);
// The trimmed content parsed whole as an integer in `base` (16 accepts "0x").
Expected<int64_t> ReadSysfsInt(const std::string& path, int base = 10);

// The N of each entry of `dir` named <prefix>N (cpu3, thermal_zone0), ascending.
std::vector<int> ListNumberedEntries(const std::string& dir, const std::string& prefix);

}  // namespace edgebench
