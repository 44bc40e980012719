#include "devices/host/host_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "devices/host/peak_compute.h"
#include "devices/host/peak_kernels.h"
#include "profilers/thermal/cpufreq_reader.h"
#include "profilers/thermal/thermal_reader.h"
#include "profilers/thermal/throttled_reader.h"

namespace edgebench {

namespace {

constexpr int64_t kMinStreamArrayBytes = int64_t{64} << 20;

// The power model. Nothing measures power on a host without RAPL (this VM), so
// the profile charges each core its share of a reference part's TDP:
// P = cores x TDP / reference cores. The reference is the first whose name
// matches the CPU model; the last matches anything.
struct PowerReference {
  const char* model_contains;
  double tdp_w;
  int cores;
  const char* source;
};
constexpr PowerReference kPowerReferences[] = {
    {"EPYC", 360, 96, "AMD EPYC 9654 product page: 96 cores, 360 W default TDP"},
    {"Xeon", 270, 40, "Intel ARK, Xeon Platinum 8380: 40 cores, 270 W TDP"},
    {"", 28, 4, "Intel ARK, Core i5-1145G7: 4 cores, 28 W configurable TDP-up"},
};

// Class budgets: a policy of edgebench, not a property of the machine; the
// same as devices/profiles/intel-i5-ipc.json's.
constexpr double kIpcMaxModelBytes = 500e6;
constexpr double kIpcTargetLatencyMs = 50;
constexpr char kIpcBudgetSource[] = "edgebench class budget (x86-ipc), as in devices/profiles/intel-i5-ipc.json";

std::string Format(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

int64_t LastLevelCacheBytes(const HostInfo& host) {
  if (!host.caches.known() || host.caches.value->empty()) return 0;
  const CacheInfo& last = host.caches.value->back();  // DetectHost lists L1 … L4 in order
  return last.size_bytes * last.instances;
}

int AllThreads(const HostInfo& host) {
  if (host.threads.known()) return *host.threads.value;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string DeviceClassFor(const HostInfo& host) {
  const std::string arch = host.architecture.known() ? *host.architecture.value : "";
  const bool x86 = arch == "x86_64" || (arch.size() == 4 && arch[0] == 'i' && arch.substr(2) == "86");
  return x86 ? "x86-ipc" : "sbc";
}

// cpufreq's cpuinfo_max_freq when the kernel exposes it, else the clock the
// add chain measured.
Sourced MaxFrequency(const HostPeaks& peaks, const std::string& sysfs_root) {
  double max_mhz = 0;
  for (const CpuFreq& cpu : ReadCpuFreq(sysfs_root).cpus) {
    if (cpu.max_mhz.known()) max_mhz = std::max(max_mhz, *cpu.max_mhz.value);
  }
  if (max_mhz > 0) return {max_mhz, "cpufreq cpuinfo_max_freq (sysfs)"};
  return {std::round(peaks.clock.per_second / 1e6),
          "estimated: the clock of one busy core, from a chain of dependent adds at one add per cycle, " +
              MeasuredSource(peaks.clock).substr(std::string("measured by ").size())};
}

std::vector<std::string> Sensors(const std::string& sysfs_root) {
  std::vector<std::string> sensors;
  if (!ReadThermalZones(sysfs_root).zones.empty()) sensors.push_back("thermal_zone");
  const std::vector<CpuFreq> cpus = ReadCpuFreq(sysfs_root).cpus;
  if (std::any_of(cpus.begin(), cpus.end(), [](const CpuFreq& cpu) { return cpu.cur_mhz.known(); })) {
    sensors.push_back("cpufreq");
  }
  if (ReadPiThrottled(sysfs_root).known()) sensors.push_back("pi_throttled");
  return sensors;
}

std::vector<std::string> IsaFeatures(const HostInfo& host) {
  std::vector<std::string> features;
  if (!host.cpu_features.known()) return features;
  for (const auto& [name, present] : *host.cpu_features.value) {
    if (present) features.push_back(name);
  }
  return features;
}

void SetPower(const std::string& cpu_model, int cores, DeviceProfile* profile) {
  const PowerReference* reference = &kPowerReferences[0];
  while (cpu_model.find(reference->model_contains) == std::string::npos) ++reference;
  const double per_core_w = reference->tdp_w / reference->cores;
  const std::string share = "estimated: " + std::to_string(cores) + " cores x " + Format("%.3g", reference->tdp_w) +
                            " W / " + std::to_string(reference->cores) + " cores, the per-core share of the TDP of "
                            "a reference part (" + reference->source + ")";
  profile->max_w = {cores * per_core_w, share};
  profile->typical_w = {cores * per_core_w, share + "; inference keeps the cores busy, so typical = max"};
  profile->idle_w = {0, "estimated: 0 W attributed; no idle figure is known for the reference part, and on a "
                        "shared host the idle draw is not this machine's to charge"};
}

// The single-thread figures, which the profile's all-core peaks do not show.
std::string SingleThreadNotes(const HostPeaks& peaks) {
  return "Detected on this machine. One thread: fp32 " + Format("%.1f", peaks.fp32_single.per_second / 1e9) +
         " GFLOP/s (" + MeasuredSource(peaks.fp32_single) + "), int8 " +
         Format("%.1f", peaks.int8_single.per_second / 1e9) + " GOP/s (" + MeasuredSource(peaks.int8_single) +
         "). Stream copy, all threads: " + Format("%.1f", peaks.bandwidth.copy.per_second / 1e9) + " GB/s (" +
         MeasuredSource(peaks.bandwidth.copy) + "), arrays of " +
         Format("%.0f", static_cast<double>(peaks.bandwidth.array_bytes) / (1 << 20)) + " MiB.";
}

}  // namespace

HostProfileOptions QuickHostProfileOptions() {
  HostProfileOptions options;
  options.compute_budget = {0.05, 2};
  options.bandwidth_budget = {0.05, 3};
  return options;
}

Expected<HostPeaks> MeasureHostPeaks(const HostInfo& host, const HostProfileOptions& options) {
  const int threads = AllThreads(host);
  HostPeaks peaks;
  peaks.clock = MeasureComputePeak(AddChainKernel(), 1, options.compute_budget);
  peaks.fp32_single = MeasureComputePeak(Fp32FmaKernel(), 1, options.compute_budget);
  peaks.fp32_all = MeasureComputePeak(Fp32FmaKernel(), threads, options.compute_budget);
  peaks.int8_single = MeasureComputePeak(Int8DotKernel(), 1, options.compute_budget);
  peaks.int8_all = MeasureComputePeak(Int8DotKernel(), threads, options.compute_budget);
  const int64_t memory = host.memory_bytes.known() ? *host.memory_bytes.value : 0;
  const int64_t array_bytes = options.bandwidth_array_bytes > 0
                                  ? options.bandwidth_array_bytes
                                  : StreamArrayBytes(LastLevelCacheBytes(host), memory, kMinStreamArrayBytes);
  EB_ASSIGN_OR_RETURN(peaks.bandwidth, MeasureBandwidth(threads, array_bytes, options.bandwidth_budget));
  return peaks;
}

Expected<DeviceProfile> BuildHostProfile(const HostInfo& host, const HostPeaks& peaks,
                                         const HostProfileOptions& options) {
  if (!host.cores.known()) return Unsupported("cannot profile this machine: core count unknown: " + host.cores.reason);
  if (!host.memory_bytes.known()) {
    return Unsupported("cannot profile this machine: memory size unknown: " + host.memory_bytes.reason);
  }
  const std::string cpu_model = host.cpu_model.known() ? *host.cpu_model.value : "unknown CPU";
  DeviceProfile profile;
  profile.id = options.id;
  profile.name = cpu_model + " (this machine, " + std::to_string(*host.cores.value) + " cores)";
  profile.device_class = DeviceClassFor(host);
  profile.cpu.cores = *host.cores.value;
  // No table maps CPU models to microarchitectures; the model name is what is known.
  profile.cpu.microarchitecture = cpu_model;
  profile.cpu.max_freq_mhz = MaxFrequency(peaks, options.sysfs_root);
  profile.cpu.isa_features = IsaFeatures(host);

  ComputeUnit cpu{"cpu", "cpu", {}};
  const std::string fp32_source = MeasuredSource(peaks.fp32_all);
  cpu.peaks.push_back({"fp32", {peaks.fp32_all.per_second / 1e9, fp32_source}});
  // The runtime stores fp16 and computes in fp32 where the CPU lacks fp16
  // arithmetic (DESIGN.md "Precisions"), so fp16 runs at the fp32 rate.
  cpu.peaks.push_back({"fp16", {peaks.fp32_all.per_second / 1e9,
                                "estimated: fp16 is converted and computed in fp32, so the fp32 peak (" +
                                    fp32_source + ")"}});
  cpu.peaks.push_back({"int8", {peaks.int8_all.per_second / 1e9, MeasuredSource(peaks.int8_all)}});
  profile.units.push_back(cpu);

  profile.ram_bytes = {static_cast<double>(*host.memory_bytes.value), "/proc/meminfo MemTotal"};
  profile.memory_bandwidth_gbps = {peaks.bandwidth.triad.per_second / 1e9,
                                   MeasuredSource(peaks.bandwidth.triad) + ", " +
                                       Format("%.0f", static_cast<double>(peaks.bandwidth.array_bytes) / (1 << 20)) +
                                       " MiB arrays"};
  profile.storage = "not detected";
  SetPower(cpu_model, profile.cpu.cores, &profile);
  profile.max_model_bytes = {kIpcMaxModelBytes, kIpcBudgetSource};
  profile.target_latency_ms = {kIpcTargetLatencyMs, kIpcBudgetSource};
  profile.sensors = Sensors(options.sysfs_root);
  profile.notes = SingleThreadNotes(peaks);
  return profile;
}

Expected<DeviceProfile> DetectHostProfile(const HostProfileOptions& options) {
  const HostInfo host = DetectHost();
  EB_ASSIGN_OR_RETURN(const HostPeaks peaks, MeasureHostPeaks(host, options));
  return BuildHostProfile(host, peaks, options);
}

}  // namespace edgebench
