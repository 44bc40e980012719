#include "profilers/energy/energy_json.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(EnergyJsonTest, MeasuredRecordsIdleAndTheSubtraction) {
  const EnergyMeasurement run{50, 4, "rapl", {{"total", "sum of the package zones"}}};
  const nlohmann::json energy = MeasuredEnergyJson(run, IdlePower{3, 2}, 100);
  EXPECT_EQ(energy["kind"], "measured");
  EXPECT_EQ(energy["source"], "rapl");
  EXPECT_DOUBLE_EQ(energy["joules_per_inference"].get<double>(), 0.38);
  EXPECT_DOUBLE_EQ(energy["avg_power_w"].get<double>(), 12.5);
  EXPECT_EQ(energy["idle_w"], 3.0);
  EXPECT_EQ(energy["model"]["idle_seconds"], 2.0);
  EXPECT_EQ(energy["model"]["inferences"], 100);
  EXPECT_EQ(energy["model"]["sensor"]["total"], "sum of the package zones");
  EXPECT_FALSE(energy.contains("reason"));
}

TEST(EnergyJsonTest, MeasuredBelowIdleHasAReason) {
  const nlohmann::json energy = MeasuredEnergyJson({10, 4, "ina3221", {}}, IdlePower{3, 2}, 100);
  EXPECT_EQ(energy["kind"], "measured");
  EXPECT_EQ(energy["joules_per_inference"], "unknown");
  // "kind": "unknown" is explained by "reason" (DESIGN.md), not "kind_reason".
  nlohmann::json figures = energy;
  figures.erase("kind");
  ExpectUnknownsHaveReasons(figures);
}

TEST(EnergyJsonTest, EstimatedCarriesTheModel) {
  const Expected<EnergyEstimate> estimate =
      EstimateWithPowerModel(PowerModel{2, 6, 4, "idle src", "active src"}, PowerModelRun{10, 8, 2, 200});
  ASSERT_TRUE(estimate.ok());
  const nlohmann::json energy = EstimatedEnergyJson(*estimate);
  EXPECT_EQ(energy["kind"], "estimated");
  EXPECT_EQ(energy["source"], "power_model");
  EXPECT_DOUBLE_EQ(energy["joules_per_inference"].get<double>(), 0.08);
  EXPECT_EQ(energy["idle_w"], 2.0);
  EXPECT_EQ(energy["model"]["name"], "power model");
}

TEST(EnergyJsonTest, UnknownHasReasonsForEveryFigure) {
  const nlohmann::json energy = UnknownEnergyJson("no sensor and no device profile");
  EXPECT_EQ(energy["kind"], "unknown");
  EXPECT_EQ(energy["reason"], "no sensor and no device profile");
  EXPECT_EQ(energy["joules_per_inference"], "unknown");
  // "kind": "unknown" is explained by "reason" (DESIGN.md), not "kind_reason".
  nlohmann::json figures = energy;
  figures.erase("kind");
  ExpectUnknownsHaveReasons(figures);
}

}  // namespace
}  // namespace edgebench
