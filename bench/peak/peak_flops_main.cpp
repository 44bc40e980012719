// edgebench_peak_flops: every peak kernel this CPU runs, as Google Benchmark
// rows, so the widest ISA's figure can be read beside the narrower ones (and
// `--benchmark_format=json` keeps them). MeasureFp32Peak/MeasureInt8Peak use
// the first kernel of each list.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/peak/peak_kernel_selection.h"

namespace edgebench::bench {
namespace {

// Loop trips per benchmark iteration: long enough (~1 ms at 200 GFLOP/s) that
// the benchmark's own per-iteration bookkeeping does not show.
constexpr int64_t kTripsPerIteration = 1 << 14;

void RunPeakKernel(benchmark::State& state, const PeakKernel* kernel, const char* unit) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(kernel->run(kTripsPerIteration));
  }
  const double ops = static_cast<double>(kTripsPerIteration) * static_cast<double>(kernel->ops_per_iteration);
  state.counters[unit] = benchmark::Counter(ops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

void RegisterAll() {
  for (const PeakKernel* kernel : Fp32PeakKernels()) {
    benchmark::RegisterBenchmark((std::string("peak/") + kernel->name).c_str(), RunPeakKernel, kernel, "GFLOP/s");
  }
  for (const PeakKernel* kernel : Int8PeakKernels()) {
    benchmark::RegisterBenchmark((std::string("peak/") + kernel->name).c_str(), RunPeakKernel, kernel, "GOP/s");
  }
}

}  // namespace
}  // namespace edgebench::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  edgebench::bench::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
