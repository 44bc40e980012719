// Sustained memory bandwidth, STREAM-style (McCalpin, "STREAM: Sustainable
// Memory Bandwidth in High Performance Computers"): copy c = a and triad
// a = b + s*c over arrays of doubles far larger than the last-level cache.
// Bytes counted as STREAM counts them: 16 per element for copy, 24 for triad
// (write-allocate traffic not counted). GB/s are 1e9 bytes per second.
#pragma once

#include <cstdint>

#include "devices/host/peak_runner.h"
#include "runtime/core/status.h"

namespace edgebench {

struct BandwidthReading {
  PeakReading copy;   // bytes per second
  PeakReading triad;  // bytes per second
  int64_t array_bytes = 0;
};

// Each of the three arrays is `array_bytes`; each thread streams its own slice
// (split evenly), and a repeat is one pass. ResourceExhausted when the arrays
// cannot be allocated.
Expected<BandwidthReading> MeasureBandwidth(int threads, int64_t array_bytes, const PeakBudget& budget);

// STREAM's rule for the array size: each array at least 4x the sum of the
// last-level caches, and no less than `floor_bytes`; capped so the three
// arrays take at most 1/4 of `memory_bytes` (0: no cap).
int64_t StreamArrayBytes(int64_t last_level_cache_bytes, int64_t memory_bytes, int64_t floor_bytes);

}  // namespace edgebench
