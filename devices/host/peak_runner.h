// Runs a micro-benchmark body on N threads released together and keeps the
// best repeat, as STREAM and peak-FLOP benchmarks do: the best repeat is the
// one least disturbed by the OS, other tenants and frequency ramps.
#pragma once

#include <functional>
#include <string>

namespace edgebench {

struct PeakBudget {
  double min_time_s = 0.3;  // repeats continue until this much wall time has passed…
  int min_repeats = 3;      // …and at least this many repeats ran
};

struct BestRate {
  double per_second = 0;  // the best repeat's work units per second
  int repeats = 0;
};

// What a repeat's rate divides by.
enum class PeakClock {
  // Wall time from the release to the last thread's finish: for memory
  // bandwidth, a resource all threads share.
  kWall,
  // Each thread's own CPU time, rates summed over threads: for core
  // throughput, so that other processes time-sharing the cores (a busy build
  // machine) lower the wall-clock rate but not the measured peak.
  kThreadCpu,
};

// `work(thread_index)` does one repeat's share of work on one thread and
// returns the units it did (ops, bytes). Threads are pinned compactly (one PU
// each) when hwloc allows and start together.
BestRate MeasureBestRate(int threads, PeakClock clock, const PeakBudget& budget,
                         const std::function<double(int)>& work);

// A measured peak: work units per second, and how it was measured.
struct PeakReading {
  double per_second = 0;
  std::string kernel;  // PeakKernel::name, or "stream_triad_f64", …
  int threads = 0;
  int repeats = 0;
  PeakClock clock = PeakClock::kWall;
};

// The profile source of a reading: "measured by edgebench devices detect
// (f32_fma_avx512_16x16, 2 threads, best of 3, per CPU-second)".
std::string MeasuredSource(const PeakReading& reading);

// For bodies that run for a time rather than a size: calls `chunk()` until
// the calling thread has had `seconds` of CPU time, and returns the sum of
// what the calls returned.
double RunFor(double seconds, const std::function<double()>& chunk);

}  // namespace edgebench
