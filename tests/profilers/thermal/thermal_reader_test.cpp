#include "profilers/thermal/thermal_reader.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(ThermalReaderTest, ReadsZonesInCelsius) {
  FakeSysfs sysfs;
  sysfs.WriteZone(0, "x86_pkg_temp", 54500);
  sysfs.WriteZone(1, "acpitz", -2000);
  sysfs.WriteZone(2, "cpu-thermal", 61250);
  const ThermalZones zones = ReadThermalZones(sysfs.root());
  ASSERT_EQ(zones.zones.size(), 3u);
  EXPECT_EQ(zones.zones[0].type.value, "x86_pkg_temp");
  EXPECT_EQ(zones.zones[0].temp_c.value, 54.5);
  EXPECT_EQ(zones.zones[1].temp_c.value, -2.0);
  EXPECT_EQ(zones.zones[2].zone, 2);
  EXPECT_EQ(MaxTemperature(zones).value, 61.25);
}

TEST(ThermalReaderTest, NoThermalClassIsUnknownWithReason) {
  FakeSysfs sysfs;
  const ThermalZones zones = ReadThermalZones(sysfs.root());
  EXPECT_TRUE(zones.zones.empty());
  EXPECT_TRUE(Contains(zones.reason, "/class/thermal (VM or no thermal driver)"));
  EXPECT_FALSE(MaxTemperature(zones).known());
  EXPECT_EQ(MaxTemperature(zones).reason, zones.reason);
}

TEST(ThermalReaderTest, EmptyThermalClassIsUnknownWithReason) {
  FakeSysfs sysfs;
  sysfs.MakeDir("class/thermal");  // what this VM has
  sysfs.MakeDir("class/thermal/cooling_device0");
  const ThermalZones zones = ReadThermalZones(sysfs.root());
  EXPECT_TRUE(zones.zones.empty());
  EXPECT_TRUE(Contains(zones.reason, "no thermal_zoneN under"));
}

TEST(ThermalReaderTest, MalformedOrImplausibleTemperatureIsUnknown) {
  FakeSysfs sysfs;
  sysfs.Write("class/thermal/thermal_zone0/type", "soc\n");
  sysfs.Write("class/thermal/thermal_zone0/temp", "n/a\n");
  sysfs.WriteZone(1, "broken", 999999999);
  sysfs.Write("class/thermal/thermal_zone2/temp", "40000\n");  // no type file
  const ThermalZones zones = ReadThermalZones(sysfs.root());
  ASSERT_EQ(zones.zones.size(), 3u);
  EXPECT_FALSE(zones.zones[0].temp_c.known());
  EXPECT_TRUE(Contains(zones.zones[0].temp_c.reason, "holds 'n/a', not an integer"));
  EXPECT_FALSE(zones.zones[1].temp_c.known());
  EXPECT_TRUE(Contains(zones.zones[1].temp_c.reason, "outside any plausible temperature"));
  EXPECT_FALSE(zones.zones[2].type.known());
  EXPECT_EQ(zones.zones[2].temp_c.value, 40.0);
  EXPECT_EQ(MaxTemperature(zones).value, 40.0);  // the readable zone
}

TEST(ThermalReaderTest, NoReadableZoneIsUnknownWithFirstReason) {
  FakeSysfs sysfs;
  sysfs.Write("class/thermal/thermal_zone0/temp", "\n");
  const Known<double> hottest = MaxTemperature(ReadThermalZones(sysfs.root()));
  EXPECT_FALSE(hottest.known());
  EXPECT_TRUE(Contains(hottest.reason, "temp is empty"));
}

}  // namespace
}  // namespace edgebench
