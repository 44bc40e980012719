#include "devices/host/hwloc_topology.h"

#include <cerrno>
#include <cstring>
#include <string>

namespace edgebench {

Expected<HwlocTopology> HwlocTopology::Load() {
  hwloc_topology_t topology = nullptr;
  if (hwloc_topology_init(&topology) != 0) {
    return Unsupported(std::string("hwloc_topology_init failed: ") + std::strerror(errno));
  }
  // hwloc drops instruction caches by default; the host description lists L1i.
  hwloc_topology_set_icache_types_filter(topology, HWLOC_TYPE_FILTER_KEEP_ALL);
  if (hwloc_topology_load(topology) != 0) {
    const int error = errno;
    hwloc_topology_destroy(topology);
    return Unsupported(std::string("hwloc_topology_load failed: ") + std::strerror(error));
  }
  return HwlocTopology(topology);
}

HwlocTopology& HwlocTopology::operator=(HwlocTopology&& other) noexcept {
  if (this != &other) {
    if (topology_ != nullptr) hwloc_topology_destroy(topology_);
    topology_ = other.topology_;
    other.topology_ = nullptr;
  }
  return *this;
}

HwlocTopology::~HwlocTopology() {
  if (topology_ != nullptr) hwloc_topology_destroy(topology_);
}

}  // namespace edgebench
