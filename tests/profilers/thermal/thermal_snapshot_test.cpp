#include "profilers/thermal/thermal_snapshot.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

// A machine with two CPUs at `mhz`, one zone at `celsius` and optional Pi flags.
ThermalSnapshot Snapshot(const std::string& governor, long mhz, double celsius, const char* pi_flags = nullptr) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, governor, mhz * 1000, 3500000);
  sysfs.WriteCpu(1, governor, mhz * 1000, 3500000);
  sysfs.WriteZone(0, "cpu-thermal", static_cast<long>(celsius * 1000));
  if (pi_flags != nullptr) sysfs.WritePiThrottled(pi_flags);
  return TakeThermalSnapshot(sysfs.root());
}

ThermalSnapshot EmptySnapshot() {
  FakeSysfs sysfs;
  sysfs.MakeDir("devices/system/cpu/cpu0");
  sysfs.MakeDir("class/thermal");
  return TakeThermalSnapshot(sysfs.root());
}

bool HasWarning(const ThermalDelta& delta, const std::string& part) {
  for (const std::string& warning : delta.warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(ThermalSnapshotTest, SummarizesFrequenciesTemperaturesAndGovernor) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, "performance", 3000000, 3500000);
  sysfs.WriteCpu(1, "performance", 2000000, 3500000);
  sysfs.WriteZone(0, "soc", 48000);
  sysfs.WriteZone(1, "cpu", 71500);
  sysfs.WritePiThrottled("0\n");
  const ThermalSnapshot snapshot = TakeThermalSnapshot(sysfs.root());
  EXPECT_EQ(snapshot.governor.value, "performance");
  EXPECT_EQ(snapshot.freq_mhz_mean.value, 2500.0);
  EXPECT_EQ(snapshot.freq_mhz_min.value, 2000.0);
  EXPECT_EQ(snapshot.freq_mhz_max.value, 3000.0);
  EXPECT_EQ(snapshot.max_temp_c.value, 71.5);
  EXPECT_EQ(snapshot.pi_throttled.value, 0u);

  const nlohmann::json json = ToJson(snapshot);
  EXPECT_EQ(json["freq_mhz_mean"], 2500.0);
  EXPECT_EQ(json["pi_throttled"], "0x0");
  EXPECT_EQ(json["zones"].size(), 2u);
  EXPECT_EQ(json["cpus"][1]["cur_mhz"], 2000.0);
}

TEST(ThermalSnapshotTest, MissingEverythingIsUnknownWithReasons) {
  const ThermalSnapshot snapshot = EmptySnapshot();
  EXPECT_FALSE(snapshot.governor.known());
  EXPECT_FALSE(snapshot.freq_mhz_mean.known());
  EXPECT_TRUE(Contains(snapshot.freq_mhz_mean.reason, "cpufreq (VM or cpufreq driver absent)"));
  EXPECT_FALSE(snapshot.max_temp_c.known());
  EXPECT_TRUE(Contains(snapshot.max_temp_c.reason, "no thermal_zoneN"));
  const nlohmann::json json = ToJson(snapshot);
  EXPECT_EQ(json["freq_mhz_mean"], "unknown");
  EXPECT_EQ(json["max_temp_c"], "unknown");
  EXPECT_EQ(json["pi_throttled"], "unknown");
  ExpectUnknownsHaveReasons(json);
}

TEST(ThermalSnapshotTest, SteadyRunIsNotThrottled) {
  const ThermalDelta delta = CompareSnapshots(Snapshot("performance", 3000, 50), Snapshot("performance", 2900, 55));
  EXPECT_EQ(delta.throttled.value, false);
  EXPECT_TRUE(delta.warnings.empty()) << delta.warnings.front();
  const nlohmann::json json = ToJson(delta);
  EXPECT_EQ(json["start_c"], 50.0);
  EXPECT_EQ(json["end_c"], 55.0);
  EXPECT_EQ(json["freq_mhz_start"], 3000.0);
  EXPECT_EQ(json["freq_mhz_end"], 2900.0);
  EXPECT_EQ(json["throttled"], false);
}

TEST(ThermalSnapshotTest, FrequencyDropIsThrottling) {
  const ThermalDelta delta = CompareSnapshots(Snapshot("performance", 3000, 50), Snapshot("performance", 2200, 85));
  EXPECT_EQ(delta.throttled.value, true);
  EXPECT_TRUE(HasWarning(delta, "frequency dropped from 3000 to 2200 MHz during the run"));
  EXPECT_TRUE(HasWarning(delta, "temperature rose from 50.0 to 85.0 C during the run"));
}

TEST(ThermalSnapshotTest, FrequencyThresholdIsAParameter) {
  const ThermalSnapshot before = Snapshot("performance", 3000, 50);
  const ThermalSnapshot after = Snapshot("performance", 2800, 50);  // -6.7%
  EXPECT_EQ(CompareSnapshots(before, after).throttled.value, true);
  ThermalDeltaOptions lenient;
  lenient.freq_change_pct = 10;
  EXPECT_EQ(CompareSnapshots(before, after, lenient).throttled.value, false);
}

TEST(ThermalSnapshotTest, FrequencyRiseIsAWarningNotThrottling) {
  const ThermalDelta delta = CompareSnapshots(Snapshot("ondemand", 1200, 40), Snapshot("ondemand", 3000, 45));
  EXPECT_EQ(delta.throttled.value, false);
  EXPECT_TRUE(HasWarning(delta, "frequency rose from 1200 to 3000 MHz"));
  EXPECT_TRUE(HasWarning(delta, "CPU governor is 'ondemand', not 'performance'"));
}

TEST(ThermalSnapshotTest, GovernorChangeIsReported) {
  const ThermalDelta delta = CompareSnapshots(Snapshot("performance", 3000, 40), Snapshot("powersave", 3000, 40));
  EXPECT_TRUE(HasWarning(delta, "CPU governor is 'powersave', not 'performance'"));
  EXPECT_TRUE(HasWarning(delta, "CPU governor changed from 'performance' to 'powersave' during the run"));
}

TEST(ThermalSnapshotTest, NewPiFlagsAreThrottling) {
  // Sticky "throttled" set during the run, current "arm frequency capped".
  const ThermalDelta delta =
      CompareSnapshots(Snapshot("ondemand", 1500, 60, "0\n"), Snapshot("ondemand", 1500, 80, "40002\n"));
  EXPECT_EQ(delta.throttled.value, true);
  EXPECT_TRUE(HasWarning(delta, "throttling: arm frequency capped, throttled (since boot)"));
}

TEST(ThermalSnapshotTest, StickyPiFlagsFromBeforeTheRunAreNotThrottling) {
  const ThermalDelta delta =
      CompareSnapshots(Snapshot("ondemand", 1500, 60, "50000\n"), Snapshot("ondemand", 1500, 60, "50000\n"));
  EXPECT_EQ(delta.throttled.value, false);
  EXPECT_FALSE(HasWarning(delta, "throttling"));
}

TEST(ThermalSnapshotTest, PiFlagsAloneDecideWithoutFrequencies) {
  FakeSysfs before_tree;
  FakeSysfs after_tree;
  before_tree.WritePiThrottled("0\n");
  after_tree.WritePiThrottled("4\n");
  const ThermalDelta delta =
      CompareSnapshots(TakeThermalSnapshot(before_tree.root()), TakeThermalSnapshot(after_tree.root()));
  EXPECT_EQ(delta.throttled.value, true);
  EXPECT_FALSE(delta.freq_mhz_start.known());
}

TEST(ThermalSnapshotTest, NothingReadableIsUnknownWithReasons) {
  const ThermalDelta delta = CompareSnapshots(EmptySnapshot(), EmptySnapshot());
  EXPECT_FALSE(delta.throttled.known());
  EXPECT_TRUE(Contains(delta.throttled.reason, "no frequency readings"));
  EXPECT_TRUE(Contains(delta.throttled.reason, "not a Raspberry Pi"));
  EXPECT_TRUE(HasWarning(delta, "frequency and temperature unknown: no "));
  const nlohmann::json json = ToJson(delta);
  for (const char* field : {"start_c", "end_c", "freq_mhz_start", "freq_mhz_end", "throttled"}) {
    EXPECT_EQ(json[field], "unknown") << field;
  }
  ExpectUnknownsHaveReasons(json);
}

// The real /sys: nothing here may fail, and what is unknown must say why.
TEST(ThermalSnapshotTest, RealSysfsNeverFails) {
  const ThermalSnapshot before = TakeThermalSnapshot();
  const ThermalSnapshot after = TakeThermalSnapshot();
  ExpectUnknownsHaveReasons(ToJson(before));
  const ThermalDelta delta = CompareSnapshots(before, after);
  ExpectUnknownsHaveReasons(ToJson(delta));
  if (!before.freq_mhz_mean.known()) GTEST_SKIP() << "no CPU frequencies here: " << before.freq_mhz_mean.reason;
  EXPECT_GT(*before.freq_mhz_mean.value, 0.0);
  EXPECT_TRUE(delta.throttled.known());
}

}  // namespace
}  // namespace edgebench
