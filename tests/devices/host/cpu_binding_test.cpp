#include "devices/host/cpu_binding.h"

#include <hwloc.h>

#include <gtest/gtest.h>

namespace edgebench {
namespace {

// Loads the topology and puts the thread's binding back when the test ends.
class CpuBindingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(hwloc_topology_init(&topology_), 0);
    ASSERT_EQ(hwloc_topology_load(topology_), 0);
    original_ = hwloc_bitmap_alloc();
    ASSERT_EQ(hwloc_get_cpubind(topology_, original_, HWLOC_CPUBIND_THREAD), 0);
  }
  void TearDown() override {
    if (original_ != nullptr) {
      EXPECT_EQ(hwloc_set_cpubind(topology_, original_, HWLOC_CPUBIND_THREAD), 0);
      hwloc_bitmap_free(original_);
    }
    if (topology_ != nullptr) hwloc_topology_destroy(topology_);
  }

  // The one PU this thread is bound to, or nullptr when bound to several.
  hwloc_obj_t BoundPu() const {
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    hwloc_obj_t pu = nullptr;
    if (hwloc_get_cpubind(topology_, set, HWLOC_CPUBIND_THREAD) == 0 && hwloc_bitmap_weight(set) == 1) {
      pu = hwloc_get_pu_obj_by_os_index(topology_, static_cast<unsigned>(hwloc_bitmap_first(set)));
    }
    hwloc_bitmap_free(set);
    return pu;
  }

  hwloc_topology_t topology_ = nullptr;
  hwloc_bitmap_t original_ = nullptr;
};

TEST(PinningTest, NamesRoundTrip) {
  for (Pinning pinning : {Pinning::kNone, Pinning::kCompact, Pinning::kSpread}) {
    const Expected<Pinning> parsed = ParsePinning(PinningName(pinning));
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(*parsed, pinning);
  }
  const Expected<Pinning> bad = ParsePinning("scatter");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "pinning 'scatter' is not one of none, compact, spread");
}

TEST_F(CpuBindingTest, InvalidThreadIsAnError) {
  EXPECT_EQ(BindCurrentThread(Pinning::kCompact, 2, 2).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(BindCurrentThread(Pinning::kSpread, -1, 2).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(BindCurrentThread(Pinning::kNone, 0, 0).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(CpuBindingTest, NoneLeavesBindingAlone) {
  const Expected<std::string> where = BindCurrentThread(Pinning::kNone, 0, 1);
  ASSERT_TRUE(where.ok()) << where.status().message();
  EXPECT_EQ(*where, "unbound (pinning none)");
  hwloc_bitmap_t now = hwloc_bitmap_alloc();
  ASSERT_EQ(hwloc_get_cpubind(topology_, now, HWLOC_CPUBIND_THREAD), 0);
  EXPECT_TRUE(hwloc_bitmap_isequal(now, original_));
  hwloc_bitmap_free(now);
}

TEST_F(CpuBindingTest, CompactZeroBindsToFirstPu) {
  const Expected<std::string> where = BindCurrentThread(Pinning::kCompact, 0, 1);
  ASSERT_TRUE(where.ok()) << where.status().message();
  const hwloc_obj_t first = hwloc_get_obj_by_type(topology_, HWLOC_OBJ_PU, 0);
  const hwloc_obj_t bound = BoundPu();
  ASSERT_NE(bound, nullptr) << "not bound to a single PU after " << *where;
  EXPECT_EQ(bound->os_index, first->os_index);
  EXPECT_EQ(where->rfind("PU L#0 (OS cpu " + std::to_string(first->os_index), 0), 0u) << *where;
}

TEST_F(CpuBindingTest, CompactFillsPusInLogicalOrder) {
  const int pus = hwloc_get_nbobjs_by_type(topology_, HWLOC_OBJ_PU);
  if (pus < 2) GTEST_SKIP() << "one PU";
  ASSERT_TRUE(BindCurrentThread(Pinning::kCompact, 1, pus).ok());
  const hwloc_obj_t bound = BoundPu();
  ASSERT_NE(bound, nullptr);
  EXPECT_EQ(bound->logical_index, 1u);
}

TEST_F(CpuBindingTest, SpreadPutsTwoThreadsOnDifferentCores) {
  if (hwloc_get_nbobjs_by_type(topology_, HWLOC_OBJ_CORE) < 2) GTEST_SKIP() << "fewer than 2 cores";
  hwloc_obj_t cores[2] = {nullptr, nullptr};
  for (int thread = 0; thread < 2; ++thread) {
    const Expected<std::string> where = BindCurrentThread(Pinning::kSpread, thread, 2);
    ASSERT_TRUE(where.ok()) << where.status().message();
    const hwloc_obj_t pu = BoundPu();
    ASSERT_NE(pu, nullptr) << *where;
    cores[thread] = hwloc_get_ancestor_obj_by_type(topology_, HWLOC_OBJ_CORE, pu);
    ASSERT_NE(cores[thread], nullptr) << *where;
  }
  EXPECT_NE(cores[0], cores[1]);
}

TEST_F(CpuBindingTest, MoreThreadsThanPusShare) {
  const int pus = hwloc_get_nbobjs_by_type(topology_, HWLOC_OBJ_PU);
  const Expected<std::string> where = BindCurrentThread(Pinning::kCompact, pus, pus + 1);
  ASSERT_TRUE(where.ok()) << where.status().message();
  EXPECT_NE(where->find("threads share"), std::string::npos) << *where;
  ASSERT_NE(BoundPu(), nullptr);
  EXPECT_EQ(BoundPu()->logical_index, 0u);
}

}  // namespace
}  // namespace edgebench
