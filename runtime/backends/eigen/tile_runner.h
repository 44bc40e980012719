// Runs a kernel's tiles on the session's pool, each thread with its own slot
// of the planned scratch (im2col and packing buffers) and of any per-thread
// state (TileActivation). ThreadPool hands a task index, not a thread index,
// to its tasks; one task per slot, each pulling tiles from a shared counter,
// gives every slot to one thread at a time while uneven tiles still balance.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "runtime/core/status.h"
#include "runtime/core/thread_pool.h"

namespace edgebench::eigen {

// Calls tile(t, slot, slot_scratch) for every t in [0, num_tiles) and returns
// the first error a tile returned (the remaining tiles are skipped).
// `scratch` holds `slots` slots of `slot_bytes` each; `slots` is the thread
// count the kernel planned for (InferContext::num_threads()). `total_work`
// (FLOPs) lets small nodes stay on the calling thread, as ParallelFor decides.
template <typename TileFn>
Status RunTiles(ThreadPool* pool, int slots, size_t slot_bytes, void* scratch, int64_t num_tiles, double total_work,
                const TileFn& tile) {
  std::atomic<int64_t> next{0};
  std::mutex error_mutex;
  Status error = Status::Ok();
  auto* base = static_cast<unsigned char*>(scratch);
  ParallelFor(pool, slots, total_work / slots, [&](int64_t slot, int64_t /*slot_end*/) {
    void* slot_scratch = base + static_cast<size_t>(slot) * slot_bytes;
    for (int64_t t = next.fetch_add(1, std::memory_order_relaxed); t < num_tiles;
         t = next.fetch_add(1, std::memory_order_relaxed)) {
      Status status = tile(t, static_cast<int>(slot), slot_scratch);
      if (!status.ok()) {
        next.store(num_tiles, std::memory_order_relaxed);
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (error.ok()) error = std::move(status);
        return;
      }
    }
  });
  return error;
}

}  // namespace edgebench::eigen
