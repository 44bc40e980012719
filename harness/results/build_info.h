// The reproducibility record of a run: what was built, how, from which commit.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgebench {

// results.json's "run" object (without "finished", stamped at the end).
nlohmann::json RunHeader(const std::string& suite_name, const std::string& suite_path, uint64_t seed,
                         const std::string& started_rfc3339);
// {"type", "compiler", "flags", "isa", "sanitizers"} of this binary.
nlohmann::json BuildJson();
// Warnings every result of this binary carries: a debug or sanitizer build
// measures something other than what ships.
std::vector<std::string> BuildWarnings();

}  // namespace edgebench
