// Runs a kernel's tiles on the session's pool, each thread with its own slot
// of the planned scratch (im2col and packing buffers). ThreadPool hands a task
// index, not a thread index, to its tasks; one task per slot, each pulling
// tiles from a shared counter, gives every slot to one thread at a time while
// uneven tiles still balance.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "runtime/core/thread_pool.h"

namespace edgebench::eigen {

// Calls tile(t, slot_scratch) for every t in [0, num_tiles). `scratch` holds
// `slots` slots of `slot_bytes` each; `slots` is the thread count the kernel
// planned for (InferContext::num_threads()). `total_work` (FLOPs) lets small
// nodes stay on the calling thread, as ParallelFor decides.
template <typename TileFn>
void RunTiles(ThreadPool* pool, int slots, size_t slot_bytes, void* scratch, int64_t num_tiles, double total_work,
              const TileFn& tile) {
  std::atomic<int64_t> next{0};
  auto* base = static_cast<unsigned char*>(scratch);
  ParallelFor(pool, slots, total_work / slots, [&](int64_t slot, int64_t /*slot_end*/) {
    void* slot_scratch = base + static_cast<size_t>(slot) * slot_bytes;
    for (int64_t t = next.fetch_add(1, std::memory_order_relaxed); t < num_tiles;
         t = next.fetch_add(1, std::memory_order_relaxed)) {
      tile(t, slot_scratch);
    }
  });
}

}  // namespace edgebench::eigen
