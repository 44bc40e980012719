// Counts heap allocations made through operator new while a scope is active,
// so tests can prove a hot loop allocates nothing.
#pragma once

#include <cstdint>

namespace edgebench::testing {

class AllocationCounter {
 public:
  AllocationCounter();
  ~AllocationCounter();
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;
  int64_t count() const;

 private:
  int64_t start_;
};

}  // namespace edgebench::testing
