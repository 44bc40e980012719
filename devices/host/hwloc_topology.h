// An owned, loaded hwloc topology of this machine (what the process may use).
#pragma once

#include <hwloc.h>

#include "runtime/core/status.h"

namespace edgebench {

class HwlocTopology {
 public:
  static Expected<HwlocTopology> Load();

  HwlocTopology(HwlocTopology&& other) noexcept : topology_(other.topology_) { other.topology_ = nullptr; }
  HwlocTopology& operator=(HwlocTopology&& other) noexcept;
  HwlocTopology(const HwlocTopology&) = delete;
  HwlocTopology& operator=(const HwlocTopology&) = delete;
  ~HwlocTopology();

  hwloc_topology_t get() const { return topology_; }

 private:
  explicit HwlocTopology(hwloc_topology_t topology) : topology_(topology) {}
  hwloc_topology_t topology_ = nullptr;
};

}  // namespace edgebench
