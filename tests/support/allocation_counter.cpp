#include "tests/support/allocation_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<int64_t> g_allocations{0};
std::atomic<int> g_active{0};

void* CountedAlloc(std::size_t size) {
  if (g_active.load(std::memory_order_relaxed) > 0) g_allocations.fetch_add(1, std::memory_order_relaxed);
  void* p = std::malloc(size == 0 ? 1 : size);
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace

// Replacing the global operators is the standard hook ([replacement.functions]);
// they keep malloc/free semantics so sanitizers still see every block.
void* operator new(std::size_t size) { return CountedAlloc(size); }
void* operator new[](std::size_t size) { return CountedAlloc(size); }
// The nothrow forms too, or a sanitizer's own would pair with our delete.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return CountedAlloc(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace edgebench::testing {

AllocationCounter::AllocationCounter() : start_(g_allocations.load()) { g_active.fetch_add(1); }
AllocationCounter::~AllocationCounter() { g_active.fetch_sub(1); }
int64_t AllocationCounter::count() const { return g_allocations.load() - start_; }

}  // namespace edgebench::testing
