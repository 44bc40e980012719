// The threads axis of a suite: counts and ranges written against an unknown
// machine ("1-4", "1..max", "max"), expanded once the machine is known.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// More threads than any edge device has; bounds what a range can expand to.
inline constexpr int kMaxThreadCount = 1024;

// One entry of the list. Accepted forms: an integer N >= 1, or a string "N",
// "A-B" or "A..B" (inclusive, A <= B), "A..max" / "A-max", or "max".
struct ThreadSpec {
  int first = 1;
  int last = 1;
  bool first_is_max = false;  // "max": `first` is the machine's thread count
  bool last_is_max = false;   // "A..max": `last` is
};

// Validates one entry; `path` names it in errors ("axes.threads[2]").
Expected<ThreadSpec> ParseThreadSpec(const nlohmann::json& entry, const std::string& path);

// Expands a non-empty list of entries for a machine with max_threads hardware
// threads: the union of every entry, sorted, each count once. "A..max" with
// A > max_threads contributes nothing there (a suite written for bigger
// machines still runs); a list that gives no count at all is an error.
// Explicit counts above max_threads are kept: oversubscription is a
// configuration a suite may ask for.
Expected<std::vector<int>> ExpandThreads(const nlohmann::json& specs, int max_threads,
                                         const std::string& path = "threads");

}  // namespace edgebench
