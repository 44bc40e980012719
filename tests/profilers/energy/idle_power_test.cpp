#include "profilers/energy/idle_power.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

// Returns a fixed measurement, whatever time passed.
class FixedMeter final : public EnergyMeter {
 public:
  FixedMeter(double joules, double seconds) : joules_(joules), seconds_(seconds) {}
  std::string source() const override { return "fixed"; }
  Status Start() override {
    ++starts_;
    return Status::Ok();
  }
  Expected<EnergyMeasurement> Stop() override { return EnergyMeasurement{joules_, seconds_, "fixed", {}}; }
  int starts_ = 0;

 private:
  double joules_;
  double seconds_;
};

EnergyMeasurement RunOf(double joules, double seconds) { return {joules, seconds, "rapl", {}}; }

TEST(IdlePowerTest, IdlePowerIsJoulesOverSeconds) {
  FixedMeter meter(6.0, 2.0);
  const Expected<IdlePower> idle = MeasureIdlePower(meter, 0.001);
  ASSERT_TRUE(idle.ok()) << idle.status().ToString();
  EXPECT_EQ(meter.starts_, 1);
  EXPECT_DOUBLE_EQ(idle->watts, 3.0);
  EXPECT_DOUBLE_EQ(idle->seconds, 2.0);
}

TEST(IdlePowerTest, RejectsANonPositiveDuration) {
  FixedMeter meter(1, 1);
  EXPECT_EQ(MeasureIdlePower(meter, 0).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(meter.starts_, 0);
}

TEST(IdlePowerTest, SubtractsIdleTimesDurationAndDividesByInferences) {
  // 50 J in 4 s at 3 W idle: 50 - 12 = 38 J over 100 inferences.
  const ActiveEnergy active = SubtractIdle(RunOf(50, 4), IdlePower{3, 1}, 100);
  EXPECT_DOUBLE_EQ(active.idle_w, 3.0);
  EXPECT_DOUBLE_EQ(active.avg_power_w, 12.5);
  EXPECT_DOUBLE_EQ(active.active_joules, 38.0);
  EXPECT_DOUBLE_EQ(active.joules_per_inference.value.value(), 0.38);
}

TEST(IdlePowerTest, RunBelowIdleIsUnknownNotNegative) {
  const ActiveEnergy active = SubtractIdle(RunOf(10, 4), IdlePower{3, 1}, 100);
  EXPECT_DOUBLE_EQ(active.active_joules, -2.0);
  EXPECT_FALSE(active.joules_per_inference.known());
  EXPECT_TRUE(Contains(active.joules_per_inference.reason, "below the idle baseline"));
}

TEST(IdlePowerTest, NoInferencesIsUnknown) {
  const ActiveEnergy active = SubtractIdle(RunOf(50, 4), IdlePower{3, 1}, 0);
  EXPECT_FALSE(active.joules_per_inference.known());
  EXPECT_TRUE(Contains(active.joules_per_inference.reason, "0 inferences"));
}

}  // namespace
}  // namespace edgebench
