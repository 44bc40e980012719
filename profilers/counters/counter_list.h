// Which perf events are counted: the default hardware set and the user's
// `--counters a,b,c` list.
#pragma once

#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// Hardware events counted when the user names none (issue 4), by libpfm4
// name. Those this PMU lacks are skipped with a reason, not an error.
const std::vector<std::string>& DefaultHardwareEvents();

// "cycles, instructions,LLC-load-misses" -> {"cycles", "instructions", "LLC-load-misses"}.
// Names are trimmed; an empty name or a name given twice is an error.
Expected<std::vector<std::string>> ParseCounterList(const std::string& list);

}  // namespace edgebench
