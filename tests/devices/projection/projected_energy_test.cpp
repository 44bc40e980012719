#include "devices/projection/projected_energy.h"

#include <gtest/gtest.h>

#include "tests/devices/projection/test_profiles.h"

namespace edgebench {
namespace {

// TestBoard: 4 cores, idle 2 W, typical 5 W.
TEST(ProjectedEnergyTest, CpuPowerAboveIdleScalesWithBusyCores) {
  const DeviceProfile board = TestBoard();
  const std::optional<UnitPeak> cpu = FastestUnit(board, "fp32", 2);
  const ProjectedEnergy energy = ProjectEnergy(Known<double>::Of(100), cpu, 2, board);
  ASSERT_TRUE(energy.joules_per_inference.known()) << energy.joules_per_inference.reason;
  EXPECT_DOUBLE_EQ(*energy.joules_per_inference.value, 3 * 0.5 * 0.1);  // (5 - 2) W x half the cores x 0.1 s
  EXPECT_DOUBLE_EQ(*energy.avg_power_w.value, 2 + 3 * 0.5);
  EXPECT_EQ(energy.model["kind"], "estimated");
  EXPECT_EQ(energy.model["active_w"]["source"], "device profile test-board typical_w: board datasheet");
  EXPECT_EQ(energy.model["idle_w"]["source"], "device profile test-board idle_w: board datasheet");
}

TEST(ProjectedEnergyTest, AnAcceleratorDrawsTheWholeTypicalPowerAndSaysSo) {
  DeviceProfile board = TestBoard();
  board.units.push_back(Unit("NPU", "npu", {{"int8", 4000}}));
  const ProjectedEnergy energy = ProjectEnergy(Known<double>::Of(100), FastestUnit(board, "int8", 1), 1, board);
  EXPECT_DOUBLE_EQ(*energy.joules_per_inference.value, 3 * 0.1);
  EXPECT_DOUBLE_EQ(*energy.avg_power_w.value, 5);
  EXPECT_NE(energy.model["accelerator_assumption"].get<std::string>().find("npu 'NPU'"), std::string::npos);
}

TEST(ProjectedEnergyTest, UnknownLatencyOrBadPowerFiguresGiveReasons) {
  const DeviceProfile board = TestBoard();
  const ProjectedEnergy no_latency =
      ProjectEnergy(Known<double>::Unknown("no unit supports fp32"), std::nullopt, 1, board);
  EXPECT_EQ(no_latency.joules_per_inference.reason, "latency is unknown: no unit supports fp32");
  EXPECT_FALSE(no_latency.avg_power_w.known());

  DeviceProfile inverted = TestBoard();
  inverted.typical_w.value = 1;  // below idle
  const ProjectedEnergy bad = ProjectEnergy(Known<double>::Of(100), FastestUnit(inverted, "fp32", 1), 1, inverted);
  EXPECT_FALSE(bad.joules_per_inference.known());
  EXPECT_NE(bad.joules_per_inference.reason.find("device profile test-board power figures"), std::string::npos);
}

}  // namespace
}  // namespace edgebench
