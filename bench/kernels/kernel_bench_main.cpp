// edgebench_kernel_bench: every layer of layer_cases.h, at fp32 and int8, on
// every backend the runtime lists, with GFLOP/s and the percentage of this
// host's measured peak. The peaks are measured once, before any layer runs,
// and recorded in the output's context.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/kernels/layer_bench.h"
#include "bench/peak/peak.h"
#include "runtime/backends/backend.h"

namespace edgebench::bench {
namespace {

// Thread counts each backend is timed at: 1 and 2 (the cores of the machines
// issue 7 targets) for backends that split work over the session's pool; 1
// for the others, which a session refuses to give more.
std::vector<int> ThreadCounts(const std::string& backend) {
  auto found = FindBackend(backend);
  if (found.ok() && (*found)->multithreaded()) return {1, 2};
  return {1};
}

double RecordPeak(const char* key, const PeakMeasurement& peak) {
  if (!peak.available) {
    benchmark::AddCustomContext(key, "unavailable: " + peak.reason);
    return 0.0;
  }
  char text[128];
  std::snprintf(text, sizeof text, "%.1f G/s (%s)", peak.ops_per_second / 1e9, peak.kernel.c_str());
  benchmark::AddCustomContext(key, text);
  return peak.ops_per_second;
}

void RegisterAll(double fp32_peak, double int8_peak) {
  for (const std::string& backend : BackendNames()) {
    for (const LayerCase& layer : LayerCases()) {
      for (LayerPrecision precision : {LayerPrecision::kFp32, LayerPrecision::kInt8}) {
        for (int threads : ThreadCounts(backend)) {
          LayerBenchConfig config;
          config.layer = layer;
          config.precision = precision;
          config.backend = backend;
          config.threads = threads;
          config.peak_ops_per_second = precision == LayerPrecision::kInt8 ? int8_peak : fp32_peak;
          auto bench = std::make_shared<LayerBench>(config);
          auto* registered = benchmark::RegisterBenchmark(
              LayerBenchName(config).c_str(), [bench](benchmark::State& state) { bench->Run(state); });
          registered->Unit(benchmark::kMicrosecond);
          if (LayerBenchUsesRealTime(config)) registered->UseRealTime();
        }
      }
    }
  }
}

}  // namespace
}  // namespace edgebench::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  using edgebench::bench::RecordPeak;
  const double fp32_peak = RecordPeak("fp32_peak_1core", edgebench::bench::MeasureFp32Peak());
  const double int8_peak = RecordPeak("int8_peak_1core", edgebench::bench::MeasureInt8Peak());
  edgebench::bench::RegisterAll(fp32_peak, int8_peak);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
