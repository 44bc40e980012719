#include "devices/host/peak_bandwidth.h"

#include <algorithm>
#include <new>
#include <string>
#include <vector>

namespace edgebench {

namespace {

// The slice [begin, end) of `count` elements that thread `t` of `threads` streams.
struct Slice {
  size_t begin = 0;
  size_t end = 0;
};
Slice SliceOf(size_t count, int t, int threads) {
  const size_t n = static_cast<size_t>(threads);
  return {count * static_cast<size_t>(t) / n, count * static_cast<size_t>(t + 1) / n};
}

// Tells the compiler the arrays' memory is read afterwards, so no store is dead.
void KeepStores(const double* data) { asm volatile("" : : "r"(data) : "memory"); }

}  // namespace

int64_t StreamArrayBytes(int64_t last_level_cache_bytes, int64_t memory_bytes, int64_t floor_bytes) {
  int64_t bytes = std::max(4 * last_level_cache_bytes, floor_bytes);
  if (memory_bytes > 0) bytes = std::min(bytes, memory_bytes / 12);
  return std::max<int64_t>(bytes, 8);
}

Expected<BandwidthReading> MeasureBandwidth(int threads, int64_t array_bytes, const PeakBudget& budget) {
  const size_t count = static_cast<size_t>(std::max<int64_t>(array_bytes, 8)) / sizeof(double);
  std::vector<double> a, b, c;
  try {
    a.assign(count, 1.0);
    b.assign(count, 2.0);
    c.assign(count, 0.0);
  } catch (const std::bad_alloc&) {
    return ResourceExhausted("cannot allocate 3 x " + std::to_string(array_bytes) + " bytes for the bandwidth test");
  }
  const double scalar = 3.0;
  double* pa = a.data();
  double* pb = b.data();
  double* pc = c.data();

  BandwidthReading reading;
  reading.array_bytes = static_cast<int64_t>(count * sizeof(double));
  const BestRate copy = MeasureBestRate(threads, PeakClock::kWall, budget, [=](int t) {
    const Slice slice = SliceOf(count, t, threads);
    for (size_t i = slice.begin; i < slice.end; ++i) pc[i] = pa[i];
    KeepStores(pc);
    return 2.0 * sizeof(double) * static_cast<double>(slice.end - slice.begin);
  });
  reading.copy = {copy.per_second, "stream_copy_f64", threads, copy.repeats};
  const BestRate triad = MeasureBestRate(threads, PeakClock::kWall, budget, [=](int t) {
    const Slice slice = SliceOf(count, t, threads);
    for (size_t i = slice.begin; i < slice.end; ++i) pa[i] = pb[i] + scalar * pc[i];
    KeepStores(pa);
    return 3.0 * sizeof(double) * static_cast<double>(slice.end - slice.begin);
  });
  reading.triad = {triad.per_second, "stream_triad_f64", threads, triad.repeats};
  return reading;
}

}  // namespace edgebench
