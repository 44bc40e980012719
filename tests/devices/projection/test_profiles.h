// Small device profiles and a two-op workload whose projection is computed by
// hand in the tests (the numbers are chosen to divide exactly).
#pragma once

#include <string>

#include "devices/profiles/device_profile.h"
#include "devices/projection/workload.h"

namespace edgebench {

inline ComputeUnit Unit(std::string name, std::string kind, std::vector<std::pair<std::string, double>> peaks) {
  ComputeUnit unit{std::move(name), std::move(kind), {}};
  for (auto& [precision, gops] : peaks) unit.peaks.push_back({precision, {gops, "test datasheet"}});
  return unit;
}

// 2 cores, fp32 200 GOP/s over both (100 per core), 20 GB/s.
inline DeviceProfile TestHost() {
  DeviceProfile host;
  host.id = "test-host";
  host.device_class = "x86-ipc";
  host.cpu.cores = 2;
  host.units = {Unit("cpu", "cpu", {{"fp32", 200}, {"int8", 800}})};
  host.ram_bytes = {24e9, "measured"};
  host.memory_bandwidth_gbps = {20, "measured by test"};
  host.typical_w = {50, "test"};
  return host;
}

// 4 cores, fp32 40 GOP/s over all four (10 per core), 4 GB/s, 5 W typical,
// 1 GB RAM; budgets 10 MB and 100 ms.
inline DeviceProfile TestBoard() {
  DeviceProfile board;
  board.id = "test-board";
  board.device_class = "sbc";
  board.cpu.cores = 4;
  board.units = {Unit("cpu", "cpu", {{"fp32", 40}})};
  board.ram_bytes = {1e9, "board datasheet"};
  board.memory_bandwidth_gbps = {4, "board datasheet"};
  board.idle_w = {2, "board datasheet"};
  board.typical_w = {5, "board datasheet"};
  board.max_w = {7, "board datasheet"};
  board.max_model_bytes = {10e6, "class budget"};
  board.target_latency_ms = {100, "class budget"};
  return board;
}

// Op "conv" is compute-bound, op "add" memory-bound, on both profiles.
// Host at 1 thread (100 GOP/s, 20 GB/s): conv max(2 ms, 0.05 ms) = 2 ms,
// add max(0.01 ms, 2 ms) = 2 ms. Board at 1 thread (10 GOP/s, 4 GB/s):
// conv max(20 ms, 0.25 ms) = 20 ms, add max(0.1 ms, 10 ms) = 10 ms.
inline Workload TwoOpWorkload() {
  Workload workload;
  workload.model = "two-op";
  workload.precision = "fp32";
  workload.threads = 1;
  workload.ops = {{"conv", "Conv", 200'000'000, 1'000'000, std::nullopt},
                  {"add", "Add", 1'000'000, 40'000'000, std::nullopt}};
  workload.host_latency_ms = 8;  // host roofline 4 ms: efficiency 0.5
  workload.weights_bytes = 3'000'000;
  workload.arena_bytes = 1'000'000;
  workload.scratch_bytes = 500'000;
  return workload;
}

}  // namespace edgebench
