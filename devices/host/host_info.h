// What the results' "host" object says about the machine a run measured:
// topology from hwloc, kernel from uname, memory and CPU features from /proc.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "profilers/thermal/known.h"

namespace edgebench {

struct CacheInfo {
  std::string level;       // "L1d", "L1i", "L1" (unified), "L2", "L3"
  int64_t size_bytes = 0;  // of one instance
  Known<int> line_bytes;
  int instances = 0;  // how many such caches the machine has
};

struct HostInfo {
  Known<std::string> cpu_model;  // hwloc CPUModel, else /proc/cpuinfo "model name"
  Known<int> cores;    // hwloc CORE objects
  Known<int> threads;  // hwloc PUs (hardware threads)
  Known<std::vector<CacheInfo>> caches;
  Known<int> numa_nodes;
  Known<int64_t> memory_bytes;      // /proc/meminfo MemTotal, else hwloc
  Known<std::string> kernel;        // uname -srm
  Known<std::string> architecture;  // uname -m
  Known<std::map<std::string, bool>> cpu_features;  // see ParseCpuInfoFeatures
  Known<std::string> governor;                      // see CommonGovernor
};

// Never fails: whatever cannot be read is unknown with a reason.
HostInfo DetectHost();

// The results' "host" object; unknown fields are "unknown" with "<field>_reason".
nlohmann::json ToJson(const HostInfo& host);
void to_json(nlohmann::json& out, const CacheInfo& cache);

}  // namespace edgebench
