// Static activation-memory planning: one arena, a fixed byte offset per
// buffer, from lifetimes over the execution order.
//
// Placement is greedy by size (largest first, each at the lowest offset that
// does not collide with an already placed buffer whose lifetime overlaps), the
// "greedy by size" strategy of Pisarchyk & Lee, "Efficient Memory Management
// for Deep Neural Net Inference" (2020), also used by TFLite.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// One buffer needs `bytes` from the start of step `first` to the end of step
// `last` (inclusive).
struct BufferRequest {
  size_t bytes = 0;
  int first = 0;
  int last = 0;
};

struct MemoryPlan {
  std::vector<size_t> offsets;  // one per request, aligned to kTensorAlignment
  size_t arena_bytes = 0;       // the plan's peak: end of the highest buffer
  // Largest sum of aligned buffer sizes alive at one step: no static plan of
  // these lifetimes can use less.
  size_t lower_bound_bytes = 0;
};

// Requests' sizes are rounded up to the alignment before placement.
MemoryPlan PlanMemory(const std::vector<BufferRequest>& requests);

// Ok when no two requests with overlapping lifetimes overlap in bytes and all
// fit in the arena; otherwise names the first colliding pair.
Status VerifyMemoryPlan(const std::vector<BufferRequest>& requests, const MemoryPlan& plan);

}  // namespace edgebench
