#include "profilers/counters/counter_list.h"

#include <algorithm>
#include <sstream>

namespace edgebench {

const std::vector<std::string>& DefaultHardwareEvents() {
  // libpfm4's generic "perf" PMU names, which the kernel maps to each CPU's
  // own events; stalled cycles exist on some PMUs only.
  static const std::vector<std::string> kEvents = {
      "cycles",    "instructions",    "cache-references",        "cache-misses",           "branch-misses",
      "LLC-loads", "LLC-load-misses", "stalled-cycles-frontend", "stalled-cycles-backend",
  };
  return kEvents;
}

Expected<std::vector<std::string>> ParseCounterList(const std::string& list) {
  const std::string where = "--counters '" + list + "': ";
  std::vector<std::string> names;
  size_t start = 0;
  while (true) {
    const size_t comma = list.find(',', start);
    // Event names hold no spaces, so an item is one word between optional blanks.
    std::istringstream words(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    std::string name;
    std::string extra;
    words >> name;
    if (name.empty()) {
      return InvalidArgument(where + "event " + std::to_string(names.size() + 1) +
                             " is empty (expected names separated by commas, e.g. cycles,instructions)");
    }
    if (words >> extra)
      return InvalidArgument(where + "'" + name + " " + extra + "' is not one event name (a missing comma?)");
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return InvalidArgument(where + "'" + name + "' is listed twice");
    }
    names.push_back(name);
    if (comma == std::string::npos) return names;
    start = comma + 1;
  }
}

}  // namespace edgebench
