// Energy estimated from stated parameters, for boards without a power sensor
// (and for this VM). Pure functions: every number in the estimate comes from
// the parameters passed in, and the estimate's `model` JSON repeats each one
// with its source.
//
// Both models report joules_per_inference above idle, as measured figures are
// (idle_power.h), and avg_power_w including idle.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

struct EnergyEstimate {
  std::string source;           // "power_model" or "per_op_model"
  double joules_per_inference = 0;
  double avg_power_w = 0;
  double idle_w = 0;
  nlohmann::json model;         // name, formula, each parameter and its source
};

// --- Power model --------------------------------------------------------
// E = P_idle * wall_s + (P_active - P_idle) * min(threads / cores, 1) * busy_s
//
// P_idle and P_active are whole-board figures from a device profile (idle_w,
// and typical_w or max_w for a board with every core busy). Dynamic power is
// taken as proportional to the fraction of cores running inference: each core
// adds about the same switching power, while uncore and DRAM power, which do
// not scale with cores, are lumped into P_idle. busy_s is the time inside
// inferences (the sum of latency samples); wall_s adds the gaps between them
// (a duty cycle), where the board idles.
struct PowerModel {
  double idle_w = 0;
  double active_w = 0;  // >= idle_w
  int cores = 0;        // the board's cores, which active_w keeps busy
  std::string idle_source;    // e.g. "device profile rpi4 idle_w: Raspberry Pi 4 product brief"
  std::string active_source;
};

struct PowerModelRun {
  double wall_s = 0;
  double busy_s = 0;  // <= wall_s
  int threads = 0;    // threads the run kept busy
  int64_t inferences = 0;
};

Expected<EnergyEstimate> EstimateWithPowerModel(const PowerModel& model, const PowerModelRun& run);

// --- Per-op model -------------------------------------------------------
// E per inference = e_mac * MACs + e_byte * DRAM bytes + P_idle * t
//
// MACs and bytes come from the runtime's accounting. Its bytes are every
// tensor read and written, an upper bound on DRAM traffic since caches serve
// part of it. t is the wall time per inference.
struct PerOpEnergyModel {
  double mac_pj = 0;        // energy of one multiply-accumulate
  double dram_byte_pj = 0;  // energy of moving one byte to or from DRAM
  double idle_w = 0;
  std::string mac_source;
  std::string dram_byte_source;
  std::string idle_source;
};

struct PerOpWorkload {
  double macs = 0;        // per inference
  double dram_bytes = 0;  // per inference
  double seconds = 0;     // wall time per inference, > 0
};

Expected<EnergyEstimate> EstimateWithPerOpModel(const PerOpEnergyModel& model, const PerOpWorkload& work);

// e_mac and e_byte from Horowitz, "Computing's energy problem (and what we
// can do about it)", ISSCC 2014, 45 nm at 0.9 V:
//   fp32 MAC = 3.7 pJ multiply + 0.9 pJ add = 4.6 pJ;
//   fp16 MAC = 1.1 pJ multiply + 0.4 pJ add = 1.5 pJ (for CPUs with fp16
//     arithmetic; where fp16 is storage only, pass "fp32");
//   int8 MAC = 0.2 pJ 8-bit multiply + 0.1 pJ 32-bit accumulate = 0.3 pJ;
//   DRAM = 640 pJ per 32-bit access = 160 pJ per byte.
// These are the arithmetic and the DRAM access alone, at 45 nm, not scaled to
// any newer node: a CPU also spends energy fetching and decoding instructions,
// on register files and caches, so for a CPU this is a lower bound, and each
// parameter's source says so. InvalidArgument for another precision.
Expected<PerOpEnergyModel> Horowitz45nmModel(const std::string& precision, double idle_w,
                                             const std::string& idle_source);

}  // namespace edgebench
