// The clock every latency in edgebench is read from.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace edgebench {

// Steady-clock nanoseconds. The signal fences stop the compiler from moving
// work across the timer read (they emit no instruction).
inline int64_t NowNs() {
  std::atomic_signal_fence(std::memory_order_seq_cst);
  const int64_t ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
  std::atomic_signal_fence(std::memory_order_seq_cst);
  return ns;
}

}  // namespace edgebench
