#include "profilers/energy/energy_model.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

PowerModel Board() { return PowerModel{2.0, 6.0, 4, "profile idle_w", "profile typical_w"}; }

TEST(PowerModelTest, ScalesActivePowerByTheBusyCoreFraction) {
  // 2 of 4 cores busy for 8 s of a 10 s run, 200 inferences:
  // dynamic = (6 - 2) * 0.5 * 8 = 16 J; total = 2 * 10 + 16 = 36 J.
  const Expected<EnergyEstimate> estimate = EstimateWithPowerModel(Board(), PowerModelRun{10, 8, 2, 200});
  ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
  EXPECT_EQ(estimate->source, "power_model");
  EXPECT_DOUBLE_EQ(estimate->joules_per_inference, 0.08);
  EXPECT_DOUBLE_EQ(estimate->avg_power_w, 3.6);
  EXPECT_DOUBLE_EQ(estimate->idle_w, 2.0);
  EXPECT_EQ(estimate->model["active_w"]["value"], 6.0);
  EXPECT_EQ(estimate->model["active_w"]["source"], "profile typical_w");
  EXPECT_EQ(estimate->model["idle_w"]["source"], "profile idle_w");
  EXPECT_EQ(estimate->model["busy_core_fraction"], 0.5);
  EXPECT_EQ(estimate->model["total_joules"], 36.0);
}

TEST(PowerModelTest, MoreThreadsThanCoresCountsEveryCoreOnce) {
  // dynamic = (6 - 2) * 1 * 5 = 20 J over 10 inferences; total = 2 * 5 + 20 = 30 J.
  const Expected<EnergyEstimate> estimate = EstimateWithPowerModel(Board(), PowerModelRun{5, 5, 8, 10});
  ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
  EXPECT_DOUBLE_EQ(estimate->joules_per_inference, 2.0);
  EXPECT_DOUBLE_EQ(estimate->avg_power_w, 6.0);
}

TEST(PowerModelTest, RejectsInconsistentParameters) {
  PowerModel upside_down = Board();
  upside_down.active_w = 1.0;
  EXPECT_TRUE(Contains(EstimateWithPowerModel(upside_down, {10, 8, 2, 200}).status().message(), "below idle_w"));
  EXPECT_FALSE(EstimateWithPowerModel(Board(), {10, 11, 2, 200}).ok());  // busy > wall
  EXPECT_FALSE(EstimateWithPowerModel(Board(), {10, 8, 0, 200}).ok());
  EXPECT_FALSE(EstimateWithPowerModel(Board(), {10, 8, 2, 0}).ok());
  PowerModel negative = Board();
  negative.idle_w = -1;
  EXPECT_TRUE(Contains(EstimateWithPowerModel(negative, {10, 8, 2, 200}).status().message(), "idle_w is"));
}

TEST(PerOpModelTest, MacsBytesAndIdle) {
  // 300e6 MACs * 4.6 pJ = 1.38 mJ; 20e6 bytes * 160 pJ = 3.2 mJ; dynamic 4.58 mJ.
  // 5 ms at 1.5 W idle adds 7.5 mJ: total 12.08 mJ, 2.416 W average.
  const PerOpEnergyModel model{4.6, 160, 1.5, "mac", "byte", "idle"};
  const Expected<EnergyEstimate> estimate = EstimateWithPerOpModel(model, PerOpWorkload{300e6, 20e6, 0.005});
  ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
  EXPECT_EQ(estimate->source, "per_op_model");
  EXPECT_NEAR(estimate->joules_per_inference, 4.58e-3, 1e-12);
  EXPECT_NEAR(estimate->avg_power_w, 2.416, 1e-9);
  EXPECT_EQ(estimate->model["mac_pj"]["source"], "mac");
  EXPECT_EQ(estimate->model["dram_bytes"], 20e6);
}

TEST(PerOpModelTest, RejectsANonPositiveTime) {
  const PerOpEnergyModel model{4.6, 160, 1.5, "mac", "byte", "idle"};
  EXPECT_EQ(EstimateWithPerOpModel(model, PerOpWorkload{1, 1, 0}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(PerOpModelTest, HorowitzParametersCarryTheirSource) {
  const Expected<PerOpEnergyModel> fp32 = Horowitz45nmModel("fp32", 2.7, "rpi4 idle_w");
  ASSERT_TRUE(fp32.ok());
  EXPECT_DOUBLE_EQ(fp32->mac_pj, 4.6);
  EXPECT_DOUBLE_EQ(fp32->dram_byte_pj, 160.0);
  EXPECT_TRUE(Contains(fp32->mac_source, "Horowitz, ISSCC 2014, 45 nm"));
  EXPECT_TRUE(Contains(fp32->mac_source, "lower bound"));
  EXPECT_EQ(fp32->idle_source, "rpi4 idle_w");
  EXPECT_DOUBLE_EQ(Horowitz45nmModel("int8", 0, "x").value().mac_pj, 0.3);
  EXPECT_DOUBLE_EQ(Horowitz45nmModel("fp16", 0, "x").value().mac_pj, 1.5);
  EXPECT_EQ(Horowitz45nmModel("bf16", 0, "x").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench
