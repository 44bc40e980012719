#include "profilers/energy/rapl_reader.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <gtest/gtest.h>

#include "tests/profilers/energy/fake_power_sysfs.h"

namespace edgebench {
namespace {

TEST(RaplReaderTest, FindsPackagesAndSubZonesInNumericOrder) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:10", "package-10", 0);
  WriteRaplZone(sysfs, "intel-rapl:2", "package-2", 0);
  WriteRaplZone(sysfs, "intel-rapl:2:0", "core", 0);
  sysfs.MakeDir("class/powercap/intel-rapl");                 // the control type, not a zone
  WriteRaplZone(sysfs, "intel-rapl-mmio:0", "package-0", 0);  // repeats a package through MMIO
  const Expected<std::vector<RaplZone>> zones = FindRaplZones(sysfs.root());
  ASSERT_TRUE(zones.ok()) << zones.status().ToString();
  ASSERT_EQ(zones->size(), 3u);
  EXPECT_EQ((*zones)[0].id, "intel-rapl:2");
  EXPECT_TRUE((*zones)[0].top_level);
  EXPECT_TRUE((*zones)[0].counted_in_total);
  EXPECT_EQ((*zones)[1].id, "intel-rapl:2:0");
  EXPECT_EQ((*zones)[1].name, "core");
  EXPECT_FALSE((*zones)[1].top_level);
  EXPECT_FALSE((*zones)[1].counted_in_total);
  EXPECT_EQ((*zones)[2].id, "intel-rapl:10");
  EXPECT_EQ((*zones)[2].max_energy_range_uj, kRaplRangeUj);
}

TEST(RaplReaderTest, MeasuresOnePackage) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 1000000);
  FakeClock clock;
  Expected<std::unique_ptr<RaplReader>> reader = RaplReader::Open(sysfs.root(), clock.AsClock());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  SetRaplEnergy(sysfs, "intel-rapl:0", 13500000);  // 12.5 J
  clock.AdvanceSeconds(2.5);
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_EQ(energy->source, "rapl");
  EXPECT_DOUBLE_EQ(energy->joules, 12.5);
  EXPECT_DOUBLE_EQ(energy->seconds, 2.5);
  EXPECT_EQ(energy->details["zones"][0]["joules"], 12.5);
  EXPECT_EQ(energy->details["zones"][0]["wrapped"], false);
}

TEST(RaplReaderTest, SumsPackagesButNotSubZonesOrPsys) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 0);
  WriteRaplZone(sysfs, "intel-rapl:0:0", "core", 0);
  WriteRaplZone(sysfs, "intel-rapl:0:1", "dram", 0);
  WriteRaplZone(sysfs, "intel-rapl:1", "package-1", 0);
  WriteRaplZone(sysfs, "intel-rapl:2", "psys", 0);
  FakeClock clock;
  auto reader = RaplReader::Open(sysfs.root(), clock.AsClock());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  SetRaplEnergy(sysfs, "intel-rapl:0", 10000000);
  SetRaplEnergy(sysfs, "intel-rapl:0:0", 7000000);
  SetRaplEnergy(sysfs, "intel-rapl:0:1", 3000000);
  SetRaplEnergy(sysfs, "intel-rapl:1", 5000000);
  SetRaplEnergy(sysfs, "intel-rapl:2", 40000000);
  clock.AdvanceSeconds(1);
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_DOUBLE_EQ(energy->joules, 15.0);  // packages 0 and 1
  const nlohmann::json& zones = energy->details["zones"];
  ASSERT_EQ(zones.size(), 5u);
  EXPECT_EQ(zones[1]["name"], "core");
  EXPECT_EQ(zones[1]["joules"], 7.0);
  EXPECT_EQ(zones[1]["counted_in_total"], false);
  EXPECT_EQ(zones[4]["name"], "psys");
  EXPECT_EQ(zones[4]["counted_in_total"], false);
  const std::string total = energy->details["total"];
  EXPECT_TRUE(Contains(total, "intel-rapl:0 (package-0), intel-rapl:1 (package-1)"));
  EXPECT_TRUE(Contains(total, "DRAM energy is not included"));
}

TEST(RaplReaderTest, CounterDeltaHandlesWrapAround) {
  EXPECT_EQ(RaplCounterDeltaUj(100, 350, 1000).value(), 250);
  EXPECT_EQ(RaplCounterDeltaUj(900, 50, 1000).value(), 150);  // 1000 - 900 + 50
  EXPECT_EQ(RaplCounterDeltaUj(5, 5, 1000).value(), 0);
  const Expected<int64_t> impossible = RaplCounterDeltaUj(2000, 50, 1000);
  ASSERT_FALSE(impossible.ok());
  EXPECT_TRUE(Contains(impossible.status().message(), "max_energy_range_uj 1000"));
}

TEST(RaplReaderTest, MeasuresAcrossAWrapOfEnergyUj) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", kRaplRangeUj - 2000000);  // 2 J before the wrap
  FakeClock clock;
  auto reader = RaplReader::Open(sysfs.root(), clock.AsClock());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  SetRaplEnergy(sysfs, "intel-rapl:0", 3000000);  // 3 J after it
  clock.AdvanceSeconds(1);
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_DOUBLE_EQ(energy->joules, 5.0);
  EXPECT_EQ(energy->details["zones"][0]["wrapped"], true);
}

TEST(RaplReaderTest, NoZonesNamesTheDirectory) {
  FakeSysfs sysfs;
  sysfs.MakeDir("class/powercap/intel-rapl");
  const auto reader = RaplReader::Open(sysfs.root());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(reader.status().message(), "no powercap intel-rapl zones under " + sysfs.root() + "/class/powercap");
}

TEST(RaplReaderTest, MissingFilesNameThePath) {
  FakeSysfs sysfs;
  sysfs.Write("class/powercap/intel-rapl:0/name", "package-0\n");
  const auto no_range = RaplReader::Open(sysfs.root());
  ASSERT_FALSE(no_range.ok());
  EXPECT_TRUE(
      Contains(no_range.status().message(), "no " + sysfs.root() + "/class/powercap/intel-rapl:0/max_energy_range_uj"));

  sysfs.Write("class/powercap/intel-rapl:0/max_energy_range_uj", "1000\n");
  const auto no_energy = RaplReader::Open(sysfs.root());
  ASSERT_FALSE(no_energy.ok());
  EXPECT_TRUE(Contains(no_energy.status().message(), "intel-rapl:0/energy_uj"));
}

TEST(RaplReaderTest, UnreadableSubZoneIsUnknownAndTotalStillMeasured) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 0);
  WriteRaplZone(sysfs, "intel-rapl:0:0", "core", 0);
  FakeClock clock;
  auto reader = RaplReader::Open(sysfs.root(), clock.AsClock());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE((*reader)->Start().ok());
  SetRaplEnergy(sysfs, "intel-rapl:0", 1000000);
  sysfs.Write("class/powercap/intel-rapl:0:0/energy_uj", "garbage\n");
  clock.AdvanceSeconds(1);
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_DOUBLE_EQ(energy->joules, 1.0);
  EXPECT_EQ(energy->details["zones"][1]["joules"], "unknown");
  EXPECT_TRUE(Contains(energy->details["zones"][1]["joules_reason"], "holds 'garbage', not an integer"));
  ExpectUnknownsHaveReasons(energy->details);
}

TEST(RaplReaderTest, StopWithoutStartFails) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 0);
  auto reader = RaplReader::Open(sysfs.root());
  ASSERT_TRUE(reader.ok());
  EXPECT_FALSE((*reader)->Stop().ok());
}

// Kernels patched for CVE-2020-8694 make energy_uj mode 0400 root. The check runs in a child
// that gives up root, because root reads the file whatever its mode.
TEST(RaplReaderTest, PermissionDeniedSaysEnergyUjIsRootOnly) {
  FakeSysfs sysfs;
  WriteRaplZone(sysfs, "intel-rapl:0", "package-0", 0);
  chmod(sysfs.root().c_str(), 0755);
  chmod((sysfs.root() + "/class/powercap/intel-rapl:0/energy_uj").c_str(), 0400);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (geteuid() == 0 && setuid(65534) != 0) _exit(3);  // nobody
    const auto reader = RaplReader::Open(sysfs.root());
    if (reader.ok()) _exit(4);
    const std::string& message = reader.status().message();
    const bool names_file = message.find("intel-rapl:0/energy_uj") != std::string::npos;
    const bool says_root =
        message.find("readable by root only on kernels patched for CVE-2020-8694") != std::string::npos;
    if (!names_file || !says_root) std::fprintf(stderr, "reason was: %s\n", message.c_str());
    _exit(names_file && says_root ? 0 : 5);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 3) GTEST_SKIP() << "cannot drop root to test an unreadable file";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "4: the file was readable; 5: the reason lacked the path or the hint";
}

TEST(RaplReaderTest, ReadsThisMachineWhenItHasRapl) {
  auto reader = RaplReader::Open();
  if (!reader.ok()) GTEST_SKIP() << reader.status().message();
  ASSERT_TRUE((*reader)->Start().ok());
  const Expected<EnergyMeasurement> energy = (*reader)->Stop();
  ASSERT_TRUE(energy.ok()) << energy.status().ToString();
  EXPECT_GE(energy->joules, 0);
  EXPECT_GT(energy->seconds, 0);
}

}  // namespace
}  // namespace edgebench
