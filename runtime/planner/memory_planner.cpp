#include "runtime/planner/memory_planner.h"

#include <algorithm>
#include <numeric>

#include "runtime/core/tensor.h"

namespace edgebench {
namespace {

size_t AlignUp(size_t bytes) { return (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

bool LifetimesOverlap(const BufferRequest& a, const BufferRequest& b) {
  return a.first <= b.last && b.first <= a.last;
}

}  // namespace

MemoryPlan PlanMemory(const std::vector<BufferRequest>& requests) {
  MemoryPlan plan;
  const size_t n = requests.size();
  plan.offsets.assign(n, 0);

  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (requests[a].bytes != requests[b].bytes) return requests[a].bytes > requests[b].bytes;
    return requests[a].first < requests[b].first;
  });

  struct Placed {
    size_t offset, end;
  };
  std::vector<size_t> placed;  // request indices already placed
  std::vector<Placed> conflicts;
  for (size_t idx : order) {
    const size_t size = AlignUp(requests[idx].bytes);
    if (size == 0) continue;
    conflicts.clear();
    for (size_t other : placed) {
      if (LifetimesOverlap(requests[idx], requests[other])) {
        conflicts.push_back({plan.offsets[other], plan.offsets[other] + AlignUp(requests[other].bytes)});
      }
    }
    std::sort(conflicts.begin(), conflicts.end(), [](const Placed& a, const Placed& b) { return a.offset < b.offset; });
    // Lowest gap between conflicting buffers that fits.
    size_t offset = 0;
    for (const Placed& c : conflicts) {
      if (c.offset >= offset + size) break;
      offset = std::max(offset, c.end);
    }
    plan.offsets[idx] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + size);
    placed.push_back(idx);
  }

  int last_step = 0;
  for (const BufferRequest& r : requests) last_step = std::max(last_step, r.last);
  std::vector<size_t> live(static_cast<size_t>(last_step) + 1, 0);
  for (const BufferRequest& r : requests) {
    for (int s = r.first; s <= r.last; ++s) live[s] += AlignUp(r.bytes);
  }
  for (size_t bytes : live) plan.lower_bound_bytes = std::max(plan.lower_bound_bytes, bytes);
  return plan;
}

Status VerifyMemoryPlan(const std::vector<BufferRequest>& requests, const MemoryPlan& plan) {
  if (plan.offsets.size() != requests.size()) return Internal("plan has the wrong number of offsets");
  for (size_t i = 0; i < requests.size(); ++i) {
    const size_t end_i = plan.offsets[i] + AlignUp(requests[i].bytes);
    if (end_i > plan.arena_bytes) return Internal("buffer " + std::to_string(i) + " ends past the arena");
    if (plan.offsets[i] % kTensorAlignment != 0) return Internal("buffer " + std::to_string(i) + " is misaligned");
    for (size_t j = i + 1; j < requests.size(); ++j) {
      if (requests[i].bytes == 0 || requests[j].bytes == 0 || !LifetimesOverlap(requests[i], requests[j])) continue;
      const size_t end_j = plan.offsets[j] + AlignUp(requests[j].bytes);
      if (plan.offsets[i] < end_j && plan.offsets[j] < end_i) {
        return Internal("buffers " + std::to_string(i) + " and " + std::to_string(j) +
                        " are alive together and overlap in the arena");
      }
    }
  }
  return Status::Ok();
}

}  // namespace edgebench
