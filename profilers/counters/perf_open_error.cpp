#include "profilers/counters/perf_open_error.h"

#include <cerrno>
#include <cstring>

namespace edgebench {

namespace {

// perf_event_open(2) "ERRORS", narrowed to the causes seen when counting.
std::string Meaning(int error, bool hardware, const Known<int>& paranoid) {
  switch (error) {
    case ENOENT:
      return hardware ? "no PMU of this CPU/VM has this event (a VM without a virtual PMU has none)"
                      : "this kernel does not have this software event";
    case EACCES:
    case EPERM: {
      const std::string level =
          paranoid.known() ? "perf_event_paranoid is " + std::to_string(*paranoid.value) : "perf_event_paranoid";
      return level + " and this process lacks CAP_PERFMON (2 allows user-mode counting only, 3 or more allows none)";
    }
    case ENODEV:
    case EOPNOTSUPP:
      return "the PMU does not support this event or one of its modifiers";
    case EINVAL:
      return "the kernel rejected the event's encoding (not an event of this PMU, or a group larger than its counters)";
    case EBUSY:
    case ENOSPC:
      return "no free counter: another user (the NMI watchdog, another profiler) holds the PMU";
    case EMFILE:
      return "the process has too many open files";
    case ENOSYS:
      return "this kernel was built without perf events (CONFIG_PERF_EVENTS)";
    default:
      return "";
  }
}

}  // namespace

std::string DescribeOpenError(const std::string& event, int error, bool hardware, const Known<int>& paranoid) {
  std::string text = "perf_event_open(" + event + ") failed: " + std::strerror(error);
  const char* name = strerrorname_np(error);  // glibc >= 2.32
  if (name != nullptr) text += std::string(" (") + name + ")";
  const std::string meaning = Meaning(error, hardware, paranoid);
  if (!meaning.empty()) text += ": " + meaning;
  return text;
}

}  // namespace edgebench
