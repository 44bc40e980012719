#include "runtime/planner/memory_planner.h"

#include <gtest/gtest.h>

#include <random>

namespace edgebench {
namespace {

TEST(MemoryPlannerTest, ReusesMemoryOfDeadBuffers) {
  // a -> b -> c chain: a and c never live together, so they can share bytes.
  std::vector<BufferRequest> requests = {{1024, 0, 1}, {1024, 1, 2}, {1024, 2, 3}};
  MemoryPlan plan = PlanMemory(requests);
  EXPECT_TRUE(VerifyMemoryPlan(requests, plan).ok());
  EXPECT_EQ(plan.arena_bytes, 2048u);
  EXPECT_EQ(plan.lower_bound_bytes, 2048u);
}

TEST(MemoryPlannerTest, AlignsEveryOffset) {
  std::vector<BufferRequest> requests = {{3, 0, 0}, {5, 0, 0}, {100, 0, 0}};
  MemoryPlan plan = PlanMemory(requests);
  ASSERT_TRUE(VerifyMemoryPlan(requests, plan).ok());
  for (size_t offset : plan.offsets) EXPECT_EQ(offset % 64, 0u);
  EXPECT_EQ(plan.arena_bytes, 64u + 64u + 128u);
}

TEST(MemoryPlannerTest, VerifyCatchesOverlap) {
  std::vector<BufferRequest> requests = {{64, 0, 1}, {64, 1, 2}};
  MemoryPlan bad;
  bad.offsets = {0, 0};
  bad.arena_bytes = 64;
  EXPECT_FALSE(VerifyMemoryPlan(requests, bad).ok());
}

TEST(MemoryPlannerTest, RandomLifetimesNeverOverlapAndRespectLowerBound) {
  std::mt19937 rng(7);  // fixed seed: the grid is the same on every run
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<BufferRequest> requests;
    const int steps = 5 + static_cast<int>(rng() % 40);
    for (int i = 0; i < steps * 2; ++i) {
      const int first = static_cast<int>(rng() % steps);
      const int last = first + static_cast<int>(rng() % 6);
      requests.push_back({static_cast<size_t>(1 + rng() % 100000), first, last});
    }
    MemoryPlan plan = PlanMemory(requests);
    ASSERT_TRUE(VerifyMemoryPlan(requests, plan).ok()) << "trial " << trial;
    EXPECT_GE(plan.arena_bytes, plan.lower_bound_bytes);
  }
}

}  // namespace
}  // namespace edgebench
