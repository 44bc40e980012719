#include "profilers/energy/energy_detect.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "tests/profilers/energy/fake_power_sysfs.h"

namespace edgebench {
namespace {

TEST(EnergyDetectTest, PrefersRaplWhenBothArePresent) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 0);
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);
  const auto meter = DetectEnergyMeter(sysfs.root());
  ASSERT_TRUE(meter.ok()) << meter.status().ToString();
  EXPECT_EQ((*meter)->source(), "rapl");
}

TEST(EnergyDetectTest, FallsBackToIna3221) {
  FakeSysfs sysfs;
  WriteHwmonRail(sysfs, 1, "VDD_IN", 5000, 1000);
  const auto meter = DetectEnergyMeter(sysfs.root());
  ASSERT_TRUE(meter.ok()) << meter.status().ToString();
  EXPECT_EQ((*meter)->source(), "ina3221");
}

TEST(EnergyDetectTest, NothingFoundListsWhatWasTried) {
  FakeSysfs sysfs;
  const auto meter = DetectEnergyMeter(sysfs.root());
  ASSERT_FALSE(meter.ok());
  EXPECT_EQ(meter.status().code(), ErrorCode::kNotFound);
  const std::string& reason = meter.status().message();
  EXPECT_TRUE(Contains(reason, "no powercap intel-rapl zones under " + sysfs.root() + "/class/powercap; "
                               "no ina3221 under " + sysfs.root() + "/bus/i2c/drivers"));
}

TEST(EnergyDetectTest, UnreadableRaplIsPartOfTheReason) {
  FakeSysfs sysfs;
  sysfs.Write("class/powercap/intel-rapl:0/name", "package-0\n");
  sysfs.Write("class/powercap/intel-rapl:0/max_energy_range_uj", "1000\n");
  const auto meter = DetectEnergyMeter(sysfs.root());
  ASSERT_FALSE(meter.ok());
  EXPECT_TRUE(Contains(meter.status().message(), "intel-rapl:0/energy_uj"));
}

TEST(EnergyDetectTest, OpensANamedSourceOnly) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 0);
  EXPECT_EQ(OpenEnergyMeter("ina3221", sysfs.root()).status().code(), ErrorCode::kNotFound);
  const auto unknown = OpenEnergyMeter("tegrastats", sysfs.root());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "unknown energy source 'tegrastats' (known: rapl, ina3221)");
}

TEST(EnergyDetectTest, ThisMachineHasASensorOrAReason) {
  const auto meter = DetectEnergyMeter();
  if (meter.ok()) {
    const std::vector<std::string>& sources = EnergySources();
    EXPECT_NE(std::find(sources.begin(), sources.end(), (*meter)->source()), sources.end());
  } else {
    EXPECT_EQ(meter.status().code(), ErrorCode::kNotFound);
    EXPECT_FALSE(meter.status().message().empty());
  }
}

}  // namespace
}  // namespace edgebench
