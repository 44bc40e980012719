#include "profilers/energy/ina3221_reader.h"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "profilers/energy/power_integral.h"
#include "tests/profilers/energy/fake_power_sysfs.h"

namespace edgebench {
namespace {

PowerSamplingOptions ManualSampling(FakeClock& clock) {
  PowerSamplingOptions options;
  options.background_thread = false;
  options.clock = clock.AsClock();
  return options;
}

TEST(PowerIntegralTest, TrapezoidRuleOverUnevenSteps) {
  // 2 W to 4 W over 1 s (3 J), then 4 W flat for 0.5 s (2 J).
  EXPECT_DOUBLE_EQ(TrapezoidJoules({0, 1000000000, 1500000000}, {2, 4, 4}), 5.0);
  EXPECT_DOUBLE_EQ(TrapezoidJoules({7}, {3}), 0.0);
  EXPECT_DOUBLE_EQ(TrapezoidJoules({}, {}), 0.0);
}

TEST(Ina3221RailsTest, FindsLabelledEnabledHwmonRails) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);
  WriteHwmonRail(sysfs, 2, "VDD_CPU_GPU_CV", 5000, 400);
  WriteHwmonRail(sysfs, 3, "VDD_SOC", 5000, 300);
  sysfs.Write(std::string(kJetsonHwmon) + "in3_enable", "0\n");  // a disabled channel
  sysfs.Write(std::string(kJetsonHwmon) + "in4_input", "12\n");   // shunt voltage, not a rail
  sysfs.Write("bus/i2c/drivers/ina3221/bind", "");
  const Expected<std::vector<PowerRail>> rails = FindIna3221Rails(sysfs.root());
  ASSERT_TRUE(rails.ok()) << rails.status().ToString();
  ASSERT_EQ(rails->size(), 2u);
  EXPECT_EQ((*rails)[0].name, "VDD_IN");
  EXPECT_EQ((*rails)[0].layout, "hwmon");
  EXPECT_EQ((*rails)[1].name, "VDD_CPU_GPU_CV");
  EXPECT_DOUBLE_EQ(ReadRailWatts((*rails)[1]).value(), 2.0);  // 5000 mV * 400 mA
  EXPECT_EQ(FindInputRail(*rails), 0u);
}

TEST(Ina3221RailsTest, FindsIioRailsOfOlderL4t) {
  FakeSysfs sysfs;
  const std::string dir = "bus/i2c/drivers/ina3221x/6-0040/iio:device0/";
  sysfs.Write(dir + "rail_name_0", "POM_5V_IN\n");
  sysfs.Write(dir + "in_power0_input", "3250\n");
  sysfs.Write(dir + "rail_name_1", "POM_5V_GPU\n");
  sysfs.Write(dir + "in_power1_input", "120\n");
  const Expected<std::vector<PowerRail>> rails = FindIna3221Rails(sysfs.root());
  ASSERT_TRUE(rails.ok()) << rails.status().ToString();
  ASSERT_EQ(rails->size(), 2u);
  EXPECT_EQ((*rails)[0].layout, "iio");
  EXPECT_DOUBLE_EQ(ReadRailWatts((*rails)[0]).value(), 3.25);
  EXPECT_EQ(FindInputRail(*rails), 0u);
}

TEST(Ina3221RailsTest, NothingFoundNamesBothLayouts) {
  FakeSysfs sysfs;
  const Expected<std::vector<PowerRail>> rails = FindIna3221Rails(sysfs.root());
  ASSERT_FALSE(rails.ok());
  EXPECT_EQ(rails.status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(Contains(rails.status().message(), "no ina3221 under " + sysfs.root() + "/bus/i2c/drivers"));
  EXPECT_TRUE(Contains(rails.status().message(), "iio:device"));
}

TEST(Ina3221ReaderTest, IntegratesTheInputRailOverFakeTime) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);       // 5 W
  WriteHwmonRail(sysfs, 2, "VDD_CPU_GPU_CV", 5000, 200);  // 1 W
  FakeClock clock;
  auto reader = Ina3221Reader::Open(sysfs.root(), ManualSampling(clock));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());  // t = 0: 5 W
  clock.AdvanceSeconds(1);
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 2000);  // t = 1: 10 W
  ASSERT_TRUE((*reader)->SampleNow().ok());
  clock.AdvanceSeconds(1);  // t = 2: still 10 W
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_EQ(energy->source, "ina3221");
  EXPECT_DOUBLE_EQ(energy->seconds, 2.0);
  EXPECT_DOUBLE_EQ(energy->joules, 7.5 + 10.0);  // (5 + 10) / 2 * 1 + 10 * 1
  EXPECT_EQ(energy->details["samples"], 3);
  EXPECT_EQ(energy->details["rails"][1]["joules"], 2.0);
  EXPECT_EQ(energy->details["rails"][1]["counted_in_total"], false);
  EXPECT_TRUE(Contains(energy->details["total"], "VDD_IN rail"));
}

TEST(Ina3221ReaderTest, SumsRailsWithoutAnInputRailAndSaysSo) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_CPU", 1000, 1000);  // 1 W
  WriteHwmonRail(sysfs, 2, "VDD_GPU", 1000, 3000);  // 3 W
  FakeClock clock;
  auto reader = Ina3221Reader::Open(sysfs.root(), ManualSampling(clock));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  clock.AdvanceSeconds(0.5);
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_DOUBLE_EQ(energy->joules, 2.0);
  EXPECT_TRUE(Contains(energy->details["total"], "sum of rails VDD_CPU, VDD_GPU"));
}

TEST(Ina3221ReaderTest, FailedSamplesAreCountedAndReported) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);
  FakeClock clock;
  auto reader = Ina3221Reader::Open(sysfs.root(), ManualSampling(clock));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  sysfs.Write(std::string(kJetsonHwmon) + "curr1_input", "\n");
  clock.AdvanceSeconds(1);
  EXPECT_FALSE((*reader)->SampleNow().ok());
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();  // the last sample fails too
  ASSERT_FALSE(energy.ok());
  EXPECT_TRUE(Contains(energy.status().message(), "1 good power sample(s)"));
  EXPECT_TRUE(Contains(energy.status().message(), "rail VDD_IN"));
  EXPECT_TRUE(Contains(energy.status().message(), "curr1_input is empty"));
}

// The real sampler thread: behaviour only (it samples between Start and Stop).
TEST(Ina3221ReaderTest, BackgroundThreadSamplesDuringTheInterval) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);
  PowerSamplingOptions options;
  options.period_s = 0.001;
  auto reader = Ina3221Reader::Open(sysfs.root(), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_GT(energy->details["samples"].get<int>(), 2);
  EXPECT_NEAR(energy->joules / energy->seconds, 5.0, 1e-9);  // constant power integrates exactly
}

TEST(Ina3221ReaderTest, RejectsANonPositivePeriod) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);
  PowerSamplingOptions options;
  options.period_s = 0;
  EXPECT_EQ(Ina3221Reader::Open(sysfs.root(), options).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench
