#include "devices/projection/roofline.h"

#include <gtest/gtest.h>

#include "tests/devices/projection/test_profiles.h"

namespace edgebench {
namespace {

TEST(RooflineTest, TakesTheSlowerOfComputeAndMemory) {
  const OpWork compute{"conv", "Conv", 200'000'000, 1'000'000, std::nullopt};
  const OpWork memory{"add", "Add", 1'000'000, 40'000'000, std::nullopt};
  EXPECT_DOUBLE_EQ(RooflineMs(compute, 100, 20), 2.0);
  EXPECT_DOUBLE_EQ(RooflineMs(memory, 100, 20), 2.0);
  EXPECT_FALSE(IsMemoryBound(compute, 100, 20));
  EXPECT_TRUE(IsMemoryBound(memory, 100, 20));
  EXPECT_DOUBLE_EQ(RooflineMs(OpWork{}, 100, 20), 0.0);
}

TEST(RooflineTest, CpuPeakScalesWithThreadsUpToTheCores) {
  const DeviceProfile board = TestBoard();
  EXPECT_DOUBLE_EQ(FastestUnit(board, "fp32", 1)->effective_gops(), 10);
  EXPECT_DOUBLE_EQ(FastestUnit(board, "fp32", 2)->effective_gops(), 20);
  EXPECT_DOUBLE_EQ(FastestUnit(board, "fp32", 4)->effective_gops(), 40);
  EXPECT_DOUBLE_EQ(FastestUnit(board, "fp32", 8)->effective_gops(), 40);
  EXPECT_DOUBLE_EQ(FastestUnit(board, "fp32", 2)->fraction_used, 0.5);
}

TEST(RooflineTest, FastestUnitSupportingThePrecisionWins) {
  DeviceProfile board = TestBoard();
  board.units.push_back(Unit("GPU", "gpu", {{"fp32", 15}}));
  board.units.push_back(Unit("NPU", "npu", {{"int8", 4000}}));
  EXPECT_EQ(FastestUnit(board, "int8", 1)->unit, "NPU");                    // the only unit with int8
  EXPECT_DOUBLE_EQ(FastestUnit(board, "int8", 1)->effective_gops(), 4000);  // threads do not scale an NPU
  // The GPU's 15 GOP/s beats one core's share of the CPU (10), not all four cores (40).
  EXPECT_EQ(FastestUnit(board, "fp32", 1)->unit, "GPU");
  EXPECT_EQ(FastestUnit(board, "fp32", 4)->unit, "cpu");
  EXPECT_FALSE(FastestUnit(board, "bf16", 1).has_value());
}

TEST(RooflineTest, RejectsProfilesTheRooflineCannotDivideBy) {
  EXPECT_TRUE(CheckRooflineInputs(TestBoard()).ok());
  DeviceProfile no_bandwidth = TestBoard();
  no_bandwidth.memory_bandwidth_gbps.value = 0;
  EXPECT_NE(CheckRooflineInputs(no_bandwidth).message().find("test-board: memory_bandwidth_gbps"), std::string::npos);
  DeviceProfile zero_peak = TestBoard();
  zero_peak.units[0].peaks[0].gops.value = 0;
  EXPECT_NE(CheckRooflineInputs(zero_peak).message().find("fp32 peak"), std::string::npos);
  DeviceProfile no_cores = TestBoard();
  no_cores.cpu.cores = 0;
  EXPECT_NE(CheckRooflineInputs(no_cores).message().find("cpu.cores"), std::string::npos);
}

}  // namespace
}  // namespace edgebench
