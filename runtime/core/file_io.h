// Whole-file reads and atomic writes with errors as values.
#pragma once

#include <string>

#include "runtime/core/status.h"

namespace edgebench {

// Refuses files over max_bytes before reading them.
Expected<std::string> ReadFileBytes(const std::string& path, size_t max_bytes = size_t{4} << 30);
// Writes to a temporary file beside `path`, then renames it into place.
Status WriteFileBytes(const std::string& path, const std::string& bytes);

}  // namespace edgebench
