// A device profile: what a board offers (compute per precision, memory, power,
// price) and its class's budgets, each number with the source it came from.
// Profiles are JSON files under devices/profiles/ checked against
// devices/schema/device.schema.json; `devices detect` builds one for the host
// from measurements.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace edgebench {

// A number and where it came from: a datasheet or vendor page by name, or
// "measured by edgebench devices detect …", or "estimated: <model>".
struct Sourced {
  double value = 0;
  std::string source;
};

// Peak throughput of one compute unit at one precision, in GOP/s (a MAC is two
// ops, so for fp32 this is GFLOP/s).
struct PrecisionPeak {
  std::string precision;  // "fp32", "fp16", "int8"
  Sourced gops;
};

// A CPU cluster, GPU, NPU, TPU or DSP. A precision absent from `peaks` is not
// supported by that unit.
struct ComputeUnit {
  std::string name;  // "cpu", "Edge TPU", "Ampere GPU (1024 cores)", …
  std::string kind;  // "cpu", "gpu", "npu", "tpu", "dsp"
  std::vector<PrecisionPeak> peaks;
};

struct CpuSpec {
  int cores = 0;
  std::string microarchitecture;          // "Cortex-A72", "Zen 3", …
  Sourced max_freq_mhz;
  std::vector<std::string> isa_features;  // "neon", "avx2", "avx512f", "avx512_vnni", …
};

struct DeviceProfile {
  std::string id;              // file stem and --device value: "rpi4"
  std::string name;            // "Raspberry Pi 4 Model B (4 GB)"
  std::string device_class;    // mcu, sbc, embedded-gpu, npu-soc, usb-accelerator, x86-ipc, phone
  CpuSpec cpu;
  std::vector<ComputeUnit> units;  // the CPU first, then accelerators
  Sourced ram_bytes;
  Sourced memory_bandwidth_gbps;   // sustained GB/s, 1e9 bytes per second
  std::optional<Sourced> flash_bytes;  // on-chip/board flash a model must fit in (MCUs)
  std::string storage;             // "microSD", "eMMC 16 GB", "NVMe", …
  Sourced idle_w;
  Sourced typical_w;
  Sourced max_w;
  std::optional<Sourced> price_usd;
  Sourced max_model_bytes;         // class budget
  Sourced target_latency_ms;       // class budget
  std::vector<std::string> sensors;  // "rapl", "ina3221", "thermal_zone", "cpufreq", "pi_throttled"
  // Text the board's /proc/device-tree/model contains (case aside), which
  // tells `run --device` that it is measuring on this board; empty: the board
  // is never identified, so results are projected onto it.
  std::string device_tree_model;
  std::string notes;
};

}  // namespace edgebench
