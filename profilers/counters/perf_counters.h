// Perf counters of the calling thread (issue 4): named hardware events through
// libpfm4, read as groups and scaled for multiplexing, plus the software
// events that every kernel counts. Like google/benchmark's PerfCounters it
// never fails on a missing capability: a VM without a PMU, a paranoid kernel
// or a build without libpfm4 gives a valid object that counts what it can and
// says why it cannot count the rest.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "profilers/counters/counter_scaling.h"
#include "profilers/thermal/known.h"
#include "runtime/core/status.h"

namespace edgebench {

// The most events one PerfCounters counts. It fixes a snapshot's size, so
// reading counters around every node of a graph never allocates.
inline constexpr size_t kMaxCounterEvents = 32;

// Every counted event's cumulative reading at one instant, by the event's
// index in PerfCounters. Plain data, cheap to copy and to keep per node.
struct CounterSnapshot {
  std::array<CounterReading, kMaxCounterEvents> events{};
};

// An event that was asked for but is not counted.
struct SkippedCounter {
  std::string name;
  bool hardware = false;
  std::string reason;  // e.g. the perf_event_open error and what it means
};

class PerfCounters {
 public:
  // Opens, disabled, `hardware_events` (libpfm4 names; empty means
  // DefaultHardwareEvents(), of which those this machine lacks are skipped)
  // and SoftwareEvents(), for the calling thread only. Kernel mode is counted
  // too unless perf_event_paranoid forbids it. Fails only on bad input: an
  // explicitly named event libpfm4 cannot encode, or more than
  // kMaxCounterEvents events. An event that encodes but cannot be opened
  // here is skipped with the reason, never an error.
  static Expected<PerfCounters> Open(const std::vector<std::string>& hardware_events);

  PerfCounters(PerfCounters&& other) noexcept;
  PerfCounters& operator=(PerfCounters&& other) noexcept;
  PerfCounters(const PerfCounters&) = delete;
  PerfCounters& operator=(const PerfCounters&) = delete;
  ~PerfCounters();

  // Whether at least one hardware event is counted, and if not, why not.
  bool hardware_available() const { return hardware_available_; }
  const std::string& hardware_reason() const { return hardware_reason_; }
  // /proc/sys/kernel/perf_event_paranoid when the counters were opened.
  const Known<int>& paranoid() const { return paranoid_; }
  // False when the kernel allowed user-mode counting only.
  bool counts_kernel() const { return counts_kernel_; }

  // The counted events, in snapshot order: hardware first, as requested.
  size_t num_events() const { return events_.size(); }
  const std::string& name(size_t i) const { return events_[i].name; }
  bool is_hardware(size_t i) const { return events_[i].hardware; }
  const std::string& unit(size_t i) const { return events_[i].unit; }  // "count" or "ns"
  const std::vector<SkippedCounter>& skipped() const { return skipped_; }
  // Groups read as a whole; with more than one hardware group the kernel
  // multiplexes them and the counts are scaled.
  size_t num_groups() const { return groups_.size(); }

  // Start, stop and zero every group. Reset makes earlier snapshots
  // incomparable with later ones.
  Status Enable();
  Status Disable();
  Status Reset();

  // One read() per group into `out`; no allocation unless it fails.
  Status Read(CounterSnapshot* out) const;

 private:
  struct Event {
    std::string name;
    bool hardware = false;
    std::string unit;
    int fd = -1;
    uint64_t id = 0;  // the kernel's id, which group reads report each count with
  };
  struct Group {
    int leader_fd = -1;
    std::vector<size_t> events;  // indices into events_, in the kernel's read order
  };
  // An encoded event waiting to be opened; the attributes stay in the .cpp.
  struct Candidate;

  PerfCounters() = default;
  static Status CheckRequest(const std::vector<std::string>& names);
  // Encodes `names` (`named`: by the user, so a bad name is an error) and
  // lists the software events, skipping what cannot be counted here.
  Status Resolve(const std::vector<std::string>& names, bool named, std::vector<Candidate>* hardware,
                 std::vector<Candidate>* software);
  void OpenGroups(const std::vector<Candidate>& candidates);
  void Skip(const Candidate& candidate, int error);   // records why perf_event_open refused it
  void AddEvent(const Candidate& candidate, int fd);  // to the last group
  // Reopens the last group's `members` one per group if the PMU never runs them together.
  void SplitIfNeverScheduled(const std::vector<Candidate>& candidates, const std::vector<size_t>& members);
  Status ControlGroups(unsigned long request, const char* what);
  void CloseAll();

  std::vector<Event> events_;
  std::vector<Group> groups_;
  std::vector<SkippedCounter> skipped_;
  bool hardware_available_ = false;
  std::string hardware_reason_;
  Known<int> paranoid_;
  bool counts_kernel_ = true;
};

}  // namespace edgebench
