// One timed configuration of the kernel benchmarks: a layer of layer_cases.h
// at one precision, on one backend, at one thread count, run through Session
// as a one-node model.
#pragma once

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "bench/kernels/single_node_model.h"

namespace edgebench::bench {

struct LayerBenchConfig {
  LayerCase layer;
  LayerPrecision precision = LayerPrecision::kFp32;
  std::string backend;
  int threads = 1;
  // This host's measured single-core peak for the precision (FLOP/s or int8
  // op/s); pct_peak is against this times `threads`. 0 when unknown.
  double peak_ops_per_second = 0.0;
  uint64_t seed = 42;
};

// One thread is timed by the thread's CPU time, like the peak, so that other
// processes on a shared machine do not count against the kernel; more threads
// by the wall clock, since the pool's workers are not the calling thread.
bool LayerBenchUsesRealTime(const LayerBenchConfig& config);

// "conv3x3/resnet18_64x56x56/fp32/ref/threads:1".
std::string LayerBenchName(const LayerBenchConfig& config);

class LayerBench {
 public:
  explicit LayerBench(LayerBenchConfig config) : config_(std::move(config)) {}

  // The benchmark body. The session is built on the first call and kept, since
  // Google Benchmark calls the body once per iteration-count estimate.
  // Counters: GFLOP/s (fp32) or GOP/s (int8) from the node's cost model, and
  // pct_peak. A failure to build or run skips the row with the error.
  void Run(benchmark::State& state);

 private:
  Status Prepare();

  LayerBenchConfig config_;
  bool prepared_ = false;
  Status prepare_status_;
  std::string error_;
  std::unique_ptr<Session> session_;
  std::vector<Tensor> inputs_;
  double ops_per_run_ = 0.0;
  std::string label_;
};

}  // namespace edgebench::bench
