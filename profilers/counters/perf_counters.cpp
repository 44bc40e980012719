#include "profilers/counters/perf_counters.h"

#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "profilers/counters/counter_list.h"
#include "profilers/counters/perf_event_abi.h"
#include "profilers/counters/perf_event_paranoid.h"
#include "profilers/counters/perf_open_error.h"
#include "profilers/counters/pfm_event_encoder.h"
#include "profilers/counters/software_events.h"

namespace edgebench {

struct PerfCounters::Candidate {
  std::string name;
  bool hardware = false;
  std::string unit;
  perf_event_attr attr;
};

namespace {

// Group reads return {nr, time_enabled, time_running, {value, id} x nr}.
constexpr uint64_t kGroupReadFormat =
    PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING | PERF_FORMAT_ID;
constexpr size_t kGroupHeaderWords = 3;

// The calling thread (pid 0) on whichever CPU it runs (-1). A leader starts
// disabled; members follow their leader. Returns -1 with errno set on failure.
int OpenEvent(perf_event_attr attr, int group_fd) {
  attr.read_format = kGroupReadFormat;
  attr.disabled = group_fd == -1 ? 1 : 0;
  attr.inherit = 0;
  return static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, group_fd, PERF_FLAG_FD_CLOEXEC));
}

perf_event_attr SoftwareAttr(uint32_t config, bool count_kernel) {
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = config;
  attr.exclude_kernel = count_kernel ? 0 : 1;
  attr.exclude_hv = 1;
  return attr;
}

// Whether the kernel lets this process count kernel mode too: paranoid >= 2
// without CAP_PERFMON refuses any event that does not exclude the kernel.
// Trying is the only exact test, since capabilities can override the sysctl.
bool KernelCountingAllowed() {
  const int fd = OpenEvent(SoftwareAttr(PERF_COUNT_SW_TASK_CLOCK, true), -1);
  if (fd >= 0) {
    close(fd);
    return true;
  }
  return errno != EACCES && errno != EPERM;
}

bool IsTimeEvent(const perf_event_attr& attr) {
  return attr.type == PERF_TYPE_SOFTWARE &&
         (attr.config == PERF_COUNT_SW_TASK_CLOCK || attr.config == PERF_COUNT_SW_CPU_CLOCK);
}

// A group the kernel accepted can still never get onto the PMU, e.g. when the
// NMI watchdog holds one of the counters the group needs all of: the open
// check does not see such pinned users. Enabling it for an instant tells.
bool NeverScheduled(int leader_fd, size_t members) {
  uint64_t buffer[kGroupHeaderWords + 2 * kMaxCounterEvents];
  const size_t bytes = (kGroupHeaderWords + 2 * members) * sizeof(uint64_t);
  ioctl(leader_fd, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
  const ssize_t got = read(leader_fd, buffer, bytes);
  ioctl(leader_fd, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
  ioctl(leader_fd, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
  return got == static_cast<ssize_t>(bytes) && buffer[1] > 0 && buffer[2] == 0;
}

}  // namespace

Expected<PerfCounters> PerfCounters::Open(const std::vector<std::string>& hardware_events) {
  const bool named = !hardware_events.empty();
  const std::vector<std::string>& names = named ? hardware_events : DefaultHardwareEvents();
  EB_RETURN_IF_ERROR(CheckRequest(names));
  PerfCounters counters;
  counters.paranoid_ = ReadPerfEventParanoid();
  counters.counts_kernel_ = KernelCountingAllowed();

  std::vector<Candidate> hardware;
  std::vector<Candidate> software;
  EB_RETURN_IF_ERROR(counters.Resolve(names, named, &hardware, &software));
  // Software events must not share the hardware group: a hardware leader that
  // cannot be opened would take them down with it.
  counters.OpenGroups(hardware);
  counters.OpenGroups(software);

  counters.hardware_available_ =
      std::any_of(counters.events_.begin(), counters.events_.end(), [](const Event& event) { return event.hardware; });
  if (!counters.hardware_available_) {
    const auto first = std::find_if(counters.skipped_.begin(), counters.skipped_.end(),
                                    [](const SkippedCounter& skipped) { return skipped.hardware; });
    counters.hardware_reason_ = first != counters.skipped_.end() ? first->reason : "no hardware events were requested";
  }
  return counters;
}

Status PerfCounters::CheckRequest(const std::vector<std::string>& names) {
  if (names.size() + SoftwareEvents().size() > kMaxCounterEvents) {
    return InvalidArgument(std::to_string(names.size()) + " perf events requested; at most " +
                           std::to_string(kMaxCounterEvents - SoftwareEvents().size()) +
                           " can be counted beside the software events");
  }
  for (auto name = names.begin(); name != names.end(); ++name) {
    if (std::find(names.begin(), name, *name) != name) {
      return InvalidArgument("perf event '" + *name + "' is requested twice");
    }
  }
  return Status::Ok();
}

Status PerfCounters::Resolve(const std::vector<std::string>& names, bool named, std::vector<Candidate>* hardware,
                             std::vector<Candidate>* software) {
  // Every name is encoded before anything opens, so a bad name fails fast.
  for (const std::string& name : names) {
    Expected<perf_event_attr> attr = EncodePerfEvent(name, counts_kernel_);
    if (!attr.ok()) {
      // A misspelt name is the user's to fix; a PMU without a default event,
      // or a build without libpfm4, is the machine's to report.
      if (named && attr.status().code() == ErrorCode::kInvalidArgument) return attr.status();
      skipped_.push_back({name, true, attr.status().message()});
      continue;
    }
    // libpfm4 also knows software events by name ("cpu-clock", "cs"); they
    // join the software group, and the always-counted ones are not doubled.
    const bool is_software = attr->type == PERF_TYPE_SOFTWARE;
    const bool counted_anyway = std::any_of(SoftwareEvents().begin(), SoftwareEvents().end(),
                                            [&](const SoftwareEvent& event) { return name == event.name; });
    if (is_software && counted_anyway) continue;
    (is_software ? software : hardware)->push_back({name, !is_software, IsTimeEvent(*attr) ? "ns" : "count", *attr});
  }
  for (const SoftwareEvent& event : SoftwareEvents()) {
    if (event.kernel_mode_only && !counts_kernel_) {
      const std::string level =
          paranoid_.known() ? " (perf_event_paranoid is " + std::to_string(*paranoid_.value) + ")" : "";
      skipped_.push_back({event.name, false,
                          "the kernel allows user-mode counting only" + level + ", and " + std::string(event.name) +
                              " happen in kernel mode, so the count would read 0"});
      continue;
    }
    software->push_back({event.name, false, event.unit, SoftwareAttr(event.config, counts_kernel_)});
  }
  return Status::Ok();
}

void PerfCounters::OpenGroups(const std::vector<Candidate>& candidates) {
  // Each event joins the open group. One the group refuses but that opens on
  // its own (the group would not fit the PMU) starts the next group; the
  // kernel then multiplexes the groups, and scaling corrects for it.
  std::vector<size_t> members;  // candidates in the open group
  for (size_t c = 0; c < candidates.size(); ++c) {
    const Candidate& candidate = candidates[c];
    if (!members.empty()) {
      const int fd = OpenEvent(candidate.attr, groups_.back().leader_fd);
      if (fd >= 0) {
        AddEvent(candidate, fd);
        members.push_back(c);
        continue;
      }
    }
    const int fd = OpenEvent(candidate.attr, -1);
    if (fd < 0) {
      // The event itself cannot be counted here; the open group stays open.
      Skip(candidate, errno);
      continue;
    }
    if (!members.empty()) SplitIfNeverScheduled(candidates, members);
    groups_.push_back({fd, {}});
    AddEvent(candidate, fd);
    members = {c};
  }
  if (!members.empty()) SplitIfNeverScheduled(candidates, members);
}

void PerfCounters::Skip(const Candidate& candidate, int error) {
  skipped_.push_back(
      {candidate.name, candidate.hardware, DescribeOpenError(candidate.name, error, candidate.hardware, paranoid_)});
}

void PerfCounters::AddEvent(const Candidate& candidate, int fd) {
  Event event{candidate.name, candidate.hardware, candidate.unit, fd, 0};
  // Without an id, Read matches counts to events by position, which is the
  // order the kernel reports them in anyway.
  if (ioctl(fd, PERF_EVENT_IOC_ID, &event.id) != 0) event.id = 0;
  groups_.back().events.push_back(events_.size());
  events_.push_back(std::move(event));
}

void PerfCounters::SplitIfNeverScheduled(const std::vector<Candidate>& candidates, const std::vector<size_t>& members) {
  // Software events never wait for a counter.
  if (members.size() < 2 || !candidates[members.front()].hardware ||
      !NeverScheduled(groups_.back().leader_fd, members.size())) {
    return;
  }
  // The group is the last one opened: close it, members before the leader,
  // and give each of its events a group of its own.
  for (size_t i = 0; i < members.size(); ++i) {
    close(events_.back().fd);
    events_.pop_back();
  }
  groups_.pop_back();
  for (size_t c : members) {
    const int fd = OpenEvent(candidates[c].attr, -1);
    if (fd < 0) {
      Skip(candidates[c], errno);
      continue;
    }
    groups_.push_back({fd, {}});
    AddEvent(candidates[c], fd);
  }
}

Status PerfCounters::ControlGroups(unsigned long request, const char* what) {
  for (const Group& group : groups_) {
    if (ioctl(group.leader_fd, request, PERF_IOC_FLAG_GROUP) != 0) {
      return IoError(std::string(what) + " perf group led by '" + events_[group.events.front()].name +
                     "' failed: " + std::strerror(errno));
    }
  }
  return Status::Ok();
}

Status PerfCounters::Enable() { return ControlGroups(PERF_EVENT_IOC_ENABLE, "enabling"); }
Status PerfCounters::Disable() { return ControlGroups(PERF_EVENT_IOC_DISABLE, "disabling"); }
Status PerfCounters::Reset() { return ControlGroups(PERF_EVENT_IOC_RESET, "resetting"); }

Status PerfCounters::Read(CounterSnapshot* out) const {
  uint64_t buffer[kGroupHeaderWords + 2 * kMaxCounterEvents];
  for (const Group& group : groups_) {
    const size_t members = group.events.size();
    const size_t bytes = (kGroupHeaderWords + 2 * members) * sizeof(uint64_t);
    const ssize_t got = read(group.leader_fd, buffer, bytes);
    if (got != static_cast<ssize_t>(bytes) || buffer[0] != members) {
      return IoError("reading perf group led by '" + events_[group.events.front()].name +
                     "' failed: " + (got < 0 ? std::strerror(errno) : "short read"));
    }
    const uint64_t enabled_ns = buffer[1];
    const uint64_t running_ns = buffer[2];
    for (size_t k = 0; k < members; ++k) {
      const uint64_t value = buffer[kGroupHeaderWords + 2 * k];
      const uint64_t id = buffer[kGroupHeaderWords + 2 * k + 1];
      size_t index = group.events[k];
      if (events_[index].id != 0 && events_[index].id != id) {
        const auto match =
            std::find_if(group.events.begin(), group.events.end(), [&](size_t i) { return events_[i].id == id; });
        if (match == group.events.end()) {
          return Internal("perf group led by '" + events_[group.events.front()].name + "' reported unknown id " +
                          std::to_string(id));
        }
        index = *match;
      }
      out->events[index] = CounterReading{value, enabled_ns, running_ns};
    }
  }
  return Status::Ok();
}

PerfCounters::PerfCounters(PerfCounters&& other) noexcept { *this = std::move(other); }

PerfCounters& PerfCounters::operator=(PerfCounters&& other) noexcept {
  if (this == &other) return *this;
  CloseAll();
  events_ = std::exchange(other.events_, {});
  groups_ = std::exchange(other.groups_, {});
  skipped_ = std::move(other.skipped_);
  hardware_available_ = other.hardware_available_;
  hardware_reason_ = std::move(other.hardware_reason_);
  paranoid_ = std::move(other.paranoid_);
  counts_kernel_ = other.counts_kernel_;
  return *this;
}

PerfCounters::~PerfCounters() { CloseAll(); }

void PerfCounters::CloseAll() {
  // Members before their leader, so no member outlives its group.
  for (auto event = events_.rbegin(); event != events_.rend(); ++event) close(event->fd);
  events_.clear();
  groups_.clear();
}

}  // namespace edgebench
