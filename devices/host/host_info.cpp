#include "devices/host/host_info.h"

#include <sys/utsname.h>

#include <cerrno>
#include <cstring>

#include "devices/host/hwloc_topology.h"
#include "devices/host/proc_info.h"
#include "profilers/thermal/cpufreq_reader.h"
#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

Known<int> CountObjects(const Expected<HwlocTopology>& topology, hwloc_obj_type_t type, const char* what) {
  if (!topology.ok()) return Known<int>::Unknown(topology.status().message());
  const int count = hwloc_get_nbobjs_by_type(topology->get(), type);
  if (count <= 0) return Known<int>::Unknown(std::string("hwloc found no ") + what);
  return Known<int>::Of(count);
}

Known<std::vector<CacheInfo>> Caches(const Expected<HwlocTopology>& topology) {
  using Caches = Known<std::vector<CacheInfo>>;
  if (!topology.ok()) return Caches::Unknown(topology.status().message());
  std::vector<CacheInfo> caches;
  for (hwloc_obj_type_t type : {HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L1ICACHE, HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L3CACHE,
                                HWLOC_OBJ_L4CACHE}) {
    const int count = hwloc_get_nbobjs_by_type(topology->get(), type);
    if (count <= 0) continue;
    const hwloc_obj_t first = hwloc_get_obj_by_type(topology->get(), type, 0);
    if (first == nullptr || first->attr == nullptr) continue;
    const auto& attr = first->attr->cache;
    CacheInfo cache;
    cache.level = "L" + std::to_string(attr.depth);
    if (attr.type == HWLOC_OBJ_CACHE_DATA) cache.level += "d";
    if (attr.type == HWLOC_OBJ_CACHE_INSTRUCTION) cache.level += "i";
    cache.size_bytes = static_cast<int64_t>(attr.size);
    cache.line_bytes = attr.linesize > 0 ? Known<int>::Of(static_cast<int>(attr.linesize))
                                         : Known<int>::Unknown("hwloc does not know the line size");
    cache.instances = count;
    caches.push_back(cache);
  }
  if (caches.empty()) return Caches::Unknown("hwloc found no caches");
  return Caches::Of(caches);
}

Known<std::string> HwlocCpuModel(const Expected<HwlocTopology>& topology) {
  if (!topology.ok()) return Known<std::string>::Unknown(topology.status().message());
  // hwloc sets CPUModel on packages (on the root on some platforms).
  const hwloc_obj_t package = hwloc_get_obj_by_type(topology->get(), HWLOC_OBJ_PACKAGE, 0);
  for (hwloc_obj_t obj : {package, hwloc_get_root_obj(topology->get())}) {
    if (obj == nullptr) continue;
    if (const char* model = hwloc_obj_get_info_by_name(obj, "CPUModel")) return Known<std::string>::Of(model);
  }
  return Known<std::string>::Unknown("hwloc has no CPUModel");
}

Known<int64_t> HwlocMemory(const Expected<HwlocTopology>& topology) {
  if (!topology.ok()) return Known<int64_t>::Unknown(topology.status().message());
  const hwloc_uint64_t bytes = hwloc_get_root_obj(topology->get())->total_memory;
  if (bytes == 0) return Known<int64_t>::Unknown("hwloc reports no memory");
  return Known<int64_t>::Of(static_cast<int64_t>(bytes));
}

// `primary` when known, else `fallback`; when neither is, both reasons.
template <typename T>
Known<T> Or(Known<T> primary, Known<T> fallback) {
  if (primary.known() || fallback.known()) return primary.known() ? primary : fallback;
  return Known<T>::Unknown(primary.reason + "; " + fallback.reason);
}

// `parse` of a /proc file's text, or why the file could not be read.
template <typename T>
Known<T> ParseIfRead(const Expected<std::string>& text, Known<T> (*parse)(const std::string&)) {
  if (!text.ok()) return Known<T>::Unknown(text.status().message());
  return parse(*text);
}

}  // namespace

HostInfo DetectHost() {
  HostInfo host;
  const Expected<HwlocTopology> topology = HwlocTopology::Load();
  const Expected<std::string> cpuinfo = ReadSysfsText("/proc/cpuinfo");
  const Expected<std::string> meminfo = ReadSysfsText("/proc/meminfo");

  struct utsname names {};
  if (uname(&names) == 0) {
    host.kernel = Known<std::string>::Of(std::string(names.sysname) + " " + names.release + " " + names.machine);
    host.architecture = Known<std::string>::Of(names.machine);
  } else {
    const std::string why = std::string("uname failed: ") + std::strerror(errno);
    host.kernel = Known<std::string>::Unknown(why);
    host.architecture = Known<std::string>::Unknown(why);
  }

  host.cpu_model = Or(HwlocCpuModel(topology), ParseIfRead(cpuinfo, ParseCpuInfoModel));
  host.cores = CountObjects(topology, HWLOC_OBJ_CORE, "cores");
  host.threads = CountObjects(topology, HWLOC_OBJ_PU, "PUs");
  host.numa_nodes = CountObjects(topology, HWLOC_OBJ_NUMANODE, "NUMA nodes");
  host.caches = Caches(topology);
  // MemTotal first: hwloc sums the NUMA nodes' meminfo, which can count less
  // than the kernel has (on the dev VM: node0 9.1 GiB, MemTotal 23.5 GiB).
  host.memory_bytes = Or(ParseIfRead(meminfo, ParseMemInfoTotal), HwlocMemory(topology));
  if (!cpuinfo.ok()) {
    host.cpu_features = Known<std::map<std::string, bool>>::Unknown(cpuinfo.status().message());
  } else if (!host.architecture.known()) {
    host.cpu_features = Known<std::map<std::string, bool>>::Unknown(host.architecture.reason);
  } else {
    host.cpu_features = ParseCpuInfoFeatures(*cpuinfo, *host.architecture.value);
  }
  host.governor = CommonGovernor(ReadCpuFreq("/sys"));
  return host;
}

void to_json(nlohmann::json& out, const CacheInfo& cache) {
  out = {{"level", cache.level}, {"size_bytes", cache.size_bytes}, {"instances", cache.instances}};
  PutKnown(out, "line_bytes", cache.line_bytes);
}

nlohmann::json ToJson(const HostInfo& host) {
  nlohmann::json out = nlohmann::json::object();
  PutKnown(out, "cpu_model", host.cpu_model);
  PutKnown(out, "cores", host.cores);
  PutKnown(out, "threads", host.threads);
  PutKnown(out, "caches", host.caches);
  PutKnown(out, "numa_nodes", host.numa_nodes);
  PutKnown(out, "memory_bytes", host.memory_bytes);
  PutKnown(out, "kernel", host.kernel);
  PutKnown(out, "architecture", host.architecture);
  PutKnown(out, "governor", host.governor);
  PutKnown(out, "cpu_features", host.cpu_features);
  return out;
}

}  // namespace edgebench
