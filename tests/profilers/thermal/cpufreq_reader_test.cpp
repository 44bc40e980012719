#include "profilers/thermal/cpufreq_reader.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(CpuFreqReaderTest, ReadsGovernorsAndFrequenciesInMhz) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, "performance", 3000000, 3500000);
  sysfs.WriteCpu(1, "performance", 2200000, 3500000);
  const CpuFreqReading reading = ReadCpuFreq(sysfs.root());
  ASSERT_EQ(reading.cpus.size(), 2u);
  EXPECT_EQ(reading.cpus[0].cpu, 0);
  EXPECT_EQ(reading.cpus[0].governor.value, "performance");
  EXPECT_EQ(reading.cpus[0].cur_mhz.value, 3000.0);
  EXPECT_EQ(reading.cpus[0].max_mhz.value, 3500.0);
  EXPECT_EQ(reading.cpus[1].cur_mhz.value, 2200.0);
  EXPECT_EQ(CommonGovernor(reading).value, "performance");
}

TEST(CpuFreqReaderTest, OrdersCpusNumericallyAndSkipsOtherEntries) {
  FakeSysfs sysfs;
  for (int cpu : {10, 2, 0}) sysfs.WriteCpu(cpu, "schedutil", 1000000, 2000000);
  sysfs.MakeDir("devices/system/cpu/cpufreq");  // real trees have these beside cpuN
  sysfs.MakeDir("devices/system/cpu/cpuidle");
  sysfs.Write("devices/system/cpu/online", "0-11\n");
  const CpuFreqReading reading = ReadCpuFreq(sysfs.root());
  ASSERT_EQ(reading.cpus.size(), 3u);
  EXPECT_EQ(reading.cpus[0].cpu, 0);
  EXPECT_EQ(reading.cpus[1].cpu, 2);
  EXPECT_EQ(reading.cpus[2].cpu, 10);
}

TEST(CpuFreqReaderTest, DifferentGovernorsAreAllNamed) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, "powersave", 1000000, 2000000);
  sysfs.WriteCpu(1, "performance", 2000000, 2000000);
  sysfs.WriteCpu(2, "powersave", 1000000, 2000000);
  EXPECT_EQ(CommonGovernor(ReadCpuFreq(sysfs.root())).value, "performance,powersave");
}

TEST(CpuFreqReaderTest, MissingCpufreqIsUnknownWithReason) {
  FakeSysfs sysfs;
  sysfs.MakeDir("devices/system/cpu/cpu0/topology");  // a VM: CPUs, no cpufreq
  const CpuFreqReading reading = ReadCpuFreq(sysfs.root());
  ASSERT_EQ(reading.cpus.size(), 1u);
  const CpuFreq& cpu = reading.cpus[0];
  EXPECT_FALSE(cpu.governor.known());
  EXPECT_FALSE(cpu.cur_mhz.known());
  EXPECT_FALSE(cpu.max_mhz.known());
  EXPECT_TRUE(Contains(cpu.cur_mhz.reason, "/devices/system/cpu/cpu0/cpufreq (VM or cpufreq driver absent)"));
  const Known<std::string> governor = CommonGovernor(reading);
  EXPECT_FALSE(governor.known());
  EXPECT_TRUE(Contains(governor.reason, "cpufreq driver absent"));
}

TEST(CpuFreqReaderTest, MissingFileIsUnknownWithItsPath) {
  FakeSysfs sysfs;
  sysfs.Write("devices/system/cpu/cpu0/cpufreq/scaling_governor", "ondemand\n");
  const CpuFreq cpu = ReadCpuFreq(sysfs.root()).cpus.at(0);
  EXPECT_EQ(cpu.governor.value, "ondemand");
  EXPECT_FALSE(cpu.cur_mhz.known());
  EXPECT_TRUE(Contains(cpu.cur_mhz.reason, "no " + sysfs.root() + "/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"));
}

TEST(CpuFreqReaderTest, MalformedContentIsUnknownWithReason) {
  FakeSysfs sysfs;
  const std::string dir = "devices/system/cpu/cpu0/cpufreq/";
  sysfs.Write(dir + "scaling_governor", "\n");
  sysfs.Write(dir + "scaling_cur_freq", "fast\n");
  sysfs.Write(dir + "cpuinfo_max_freq", "-5\n");
  const CpuFreq cpu = ReadCpuFreq(sysfs.root()).cpus.at(0);
  EXPECT_FALSE(cpu.governor.known());
  EXPECT_TRUE(Contains(cpu.governor.reason, "scaling_governor is empty"));
  EXPECT_FALSE(cpu.cur_mhz.known());
  EXPECT_TRUE(Contains(cpu.cur_mhz.reason, "holds 'fast', not an integer"));
  EXPECT_FALSE(cpu.max_mhz.known());
  EXPECT_TRUE(Contains(cpu.max_mhz.reason, "not a frequency"));
}

TEST(CpuFreqReaderTest, NoCpusIsUnknownWithReason) {
  FakeSysfs sysfs;
  const CpuFreqReading reading = ReadCpuFreq(sysfs.root());
  EXPECT_TRUE(reading.cpus.empty());
  EXPECT_TRUE(Contains(reading.reason, "no cpuN directories under " + sysfs.root()));
  EXPECT_EQ(CommonGovernor(reading).reason, reading.reason);
}

}  // namespace
}  // namespace edgebench
