#include "devices/host/cpu_binding.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include "devices/host/hwloc_topology.h"

namespace edgebench {

namespace {

struct PinningEntry {
  Pinning pinning;
  const char* name;
};
constexpr PinningEntry kPinnings[] = {
    {Pinning::kNone, "none"},
    {Pinning::kCompact, "compact"},
    {Pinning::kSpread, "spread"},
};

// Owns an hwloc bitmap.
struct Bitmap {
  Bitmap() : set(hwloc_bitmap_alloc()) {}
  explicit Bitmap(hwloc_bitmap_t owned) : set(owned) {}
  Bitmap(const Bitmap&) = delete;
  Bitmap& operator=(const Bitmap&) = delete;
  ~Bitmap() { hwloc_bitmap_free(set); }
  hwloc_bitmap_t set;
};

std::string DescribePu(hwloc_topology_t topology, hwloc_obj_t pu) {
  std::string out = "PU L#" + std::to_string(pu->logical_index) + " (OS cpu " + std::to_string(pu->os_index);
  const hwloc_obj_t core = hwloc_get_ancestor_obj_by_type(topology, HWLOC_OBJ_CORE, pu);
  if (core != nullptr) out += ", core L#" + std::to_string(core->logical_index);
  return out + ")";
}

// One PU for thread `index` of `count` spread over the machine.
Expected<hwloc_obj_t> SpreadPu(hwloc_topology_t topology, int index, int count) {
  std::vector<hwloc_cpuset_t> sets(static_cast<size_t>(count), nullptr);
  hwloc_obj_t root = hwloc_get_root_obj(topology);
  if (hwloc_distrib(topology, &root, 1, sets.data(), static_cast<unsigned>(count), INT_MAX, 0) != 0) {
    for (hwloc_cpuset_t set : sets) hwloc_bitmap_free(set);
    return Internal("hwloc_distrib failed for " + std::to_string(count) + " threads");
  }
  Bitmap mine(sets[static_cast<size_t>(index)]);
  for (size_t i = 0; i < sets.size(); ++i) {
    if (i != static_cast<size_t>(index)) hwloc_bitmap_free(sets[i]);
  }
  // A share may be a whole core; one PU keeps the thread from moving within it.
  hwloc_bitmap_singlify(mine.set);
  const int first = hwloc_bitmap_first(mine.set);
  const hwloc_obj_t pu = first < 0 ? nullptr : hwloc_get_pu_obj_by_os_index(topology, static_cast<unsigned>(first));
  if (pu == nullptr) return Internal("hwloc_distrib gave thread " + std::to_string(index) + " no PU");
  return pu;
}

}  // namespace

const char* PinningName(Pinning pinning) {
  for (const PinningEntry& entry : kPinnings) {
    if (entry.pinning == pinning) return entry.name;
  }
  return "unknown";
}

Expected<Pinning> ParsePinning(const std::string& name) {
  for (const PinningEntry& entry : kPinnings) {
    if (name == entry.name) return entry.pinning;
  }
  return InvalidArgument("pinning '" + name + "' is not one of none, compact, spread");
}

Expected<std::string> BindCurrentThread(Pinning pinning, int thread_index, int num_threads) {
  if (num_threads < 1 || thread_index < 0 || thread_index >= num_threads) {
    return InvalidArgument("thread " + std::to_string(thread_index) + " of " + std::to_string(num_threads) +
                           " is not a valid thread to pin");
  }
  if (pinning == Pinning::kNone) return std::string("unbound (pinning none)");

  EB_ASSIGN_OR_RETURN(const HwlocTopology topology, HwlocTopology::Load());
  const int pus = hwloc_get_nbobjs_by_type(topology.get(), HWLOC_OBJ_PU);
  if (pus <= 0) return Unsupported("hwloc found no PUs to bind to");

  hwloc_obj_t pu = nullptr;
  if (pinning == Pinning::kCompact) {
    pu = hwloc_get_obj_by_type(topology.get(), HWLOC_OBJ_PU, static_cast<unsigned>(thread_index % pus));
  } else {
    EB_ASSIGN_OR_RETURN(pu, SpreadPu(topology.get(), thread_index, num_threads));
  }
  if (pu == nullptr) return Internal("no PU for thread " + std::to_string(thread_index));

  std::string where = DescribePu(topology.get(), pu);
  if (num_threads > pus) {
    where += "; " + std::to_string(num_threads) + " threads share " + std::to_string(pus) + " PUs";
  }
  if (hwloc_set_cpubind(topology.get(), pu->cpuset, HWLOC_CPUBIND_THREAD) != 0) {
    return Unsupported("binding thread " + std::to_string(thread_index) + " to " + where +
                       " failed: " + std::strerror(errno));
  }
  return where;
}

}  // namespace edgebench
