// Event names to perf_event_attr through libpfm4, which knows each PMU's event
// tables (issue 4: "named events go through libpfm4").
#pragma once

#include <string>

#include "profilers/counters/perf_event_abi.h"
#include "runtime/core/status.h"

namespace edgebench {

// The attributes libpfm4 encodes for `name` (e.g. "cycles", "LLC-load-misses",
// "amd64_fam19h_zen4::RETIRED_OPS"), counting user mode, and kernel mode too
// when `count_kernel`. A modifier in the name (":u", ":k") overrides that.
// Only the encoding: whether the kernel can open the event is another matter
// (a VM without a virtual PMU encodes "cycles" fine and fails to open it).
// InvalidArgument names the event and carries libpfm4's own message.
Expected<perf_event_attr> EncodePerfEvent(const std::string& name, bool count_kernel);

}  // namespace edgebench
