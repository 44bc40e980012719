// devices detect: the micro-benchmarks give positive finite figures, and the
// detected profile passes the loader's checks and the schema. Budgets are a
// few milliseconds: these tests check behaviour, not speed.
#include "devices/host/host_profile.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "devices/host/peak_compute.h"
#include "devices/profiles/profile_json.h"
#include "devices/profiles/profile_loader.h"
#include "tests/profilers/thermal/fake_sysfs.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

constexpr PeakBudget kTinyBudget = {0.005, 1};

HostProfileOptions TinyOptions(const std::string& sysfs_root) {
  HostProfileOptions options;
  options.compute_budget = kTinyBudget;
  options.bandwidth_budget = kTinyBudget;
  options.bandwidth_array_bytes = 1 << 20;
  options.sysfs_root = sysfs_root;
  return options;
}

void ExpectPositiveFinite(const PeakReading& reading) {
  EXPECT_TRUE(std::isfinite(reading.per_second)) << reading.kernel;
  EXPECT_GT(reading.per_second, 0) << reading.kernel;
  EXPECT_GE(reading.repeats, 1) << reading.kernel;
  EXPECT_FALSE(reading.kernel.empty());
}

TEST(PeakComputeTest, EveryKernelMeasuresOnOneAndTwoThreads) {
  for (const PeakKernel* kernel : {&Fp32FmaKernel(), &Int8DotKernel(), &AddChainKernel()}) {
    for (int threads : {1, 2}) {
      const PeakReading reading = MeasureComputePeak(*kernel, threads, kTinyBudget);
      ExpectPositiveFinite(reading);
      EXPECT_EQ(reading.threads, threads);
      EXPECT_EQ(reading.kernel, kernel->name);
    }
  }
}

TEST(PeakComputeTest, SourceSaysHowItWasMeasured) {
  const PeakReading reading{2e11, "f32_fma_avx512_16x16", 2, 3, PeakClock::kThreadCpu};
  EXPECT_EQ(MeasuredSource(reading),
            "measured by edgebench devices detect (f32_fma_avx512_16x16, 2 threads, best of 3, per CPU-second)");
}

TEST(PeakBandwidthTest, CopyAndTriadArePositive) {
  Expected<BandwidthReading> reading = MeasureBandwidth(2, 1 << 20, kTinyBudget);
  ASSERT_TRUE(reading.ok()) << reading.status().message();
  ExpectPositiveFinite(reading->copy);
  ExpectPositiveFinite(reading->triad);
  EXPECT_EQ(reading->array_bytes, 1 << 20);
}

TEST(PeakBandwidthTest, ArraysFollowStreamsRule) {
  EXPECT_EQ(StreamArrayBytes(32 << 20, int64_t{24} << 30, 64 << 20), int64_t{128} << 20);  // 4x LLC
  EXPECT_EQ(StreamArrayBytes(1 << 20, int64_t{24} << 30, 64 << 20), int64_t{64} << 20);    // the floor
  EXPECT_EQ(StreamArrayBytes(32 << 20, int64_t{1} << 30, 64 << 20), (int64_t{1} << 30) / 12);  // RAM cap
}

TEST(HostProfileTest, DetectedProfileLoadsBack) {
  FakeSysfs sysfs;
  sysfs.WriteZone(0, "cpu-thermal", 45000);
  Expected<DeviceProfile> profile = DetectHostProfile(TinyOptions(sysfs.root()));
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  EXPECT_EQ(profile->id, "host");
  ASSERT_FALSE(profile->units.empty());
  for (const PrecisionPeak& peak : profile->units[0].peaks) {
    EXPECT_TRUE(std::isfinite(peak.gops.value) && peak.gops.value > 0) << peak.precision;
  }
  // No cpufreq in the fake tree: the frequency is the add chain's estimate.
  EXPECT_EQ(profile->cpu.max_freq_mhz.source.rfind("estimated: ", 0), 0u) << profile->cpu.max_freq_mhz.source;
  EXPECT_EQ(profile->sensors, std::vector<std::string>{"thermal_zone"});
  EXPECT_EQ(profile->idle_w.source.rfind("estimated: ", 0), 0u);
  Expected<DeviceProfile> again = ParseDeviceProfile(ToJson(*profile), "detected");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(ToJson(*again), ToJson(*profile));
}

TEST(HostProfileTest, CpufreqGivesTheMaxFrequency) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, "performance", 3000000, 3700000);
  sysfs.WriteCpu(1, "performance", 3000000, 3700000);
  const HostInfo host = DetectHost();
  HostPeaks peaks;
  for (PeakReading* reading : {&peaks.clock, &peaks.fp32_single, &peaks.fp32_all, &peaks.int8_single,
                               &peaks.int8_all, &peaks.bandwidth.copy, &peaks.bandwidth.triad}) {
    *reading = {1e9, "kernel", 1, 1, PeakClock::kWall};
  }
  Expected<DeviceProfile> profile = BuildHostProfile(host, peaks, TinyOptions(sysfs.root()));
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  EXPECT_EQ(profile->cpu.max_freq_mhz.value, 3700);
  EXPECT_EQ(profile->cpu.max_freq_mhz.source, "cpufreq cpuinfo_max_freq (sysfs)");
  EXPECT_EQ(profile->sensors, std::vector<std::string>{"cpufreq"});
  EXPECT_EQ(profile->units[0].peaks[0].gops.value, 1);
}

TEST(HostProfileTest, DetectedProfilePassesTheSchema) {
  if (std::system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3-jsonschema is not installed";
  }
  FakeSysfs sysfs;
  Expected<DeviceProfile> profile = DetectHostProfile(TinyOptions(sysfs.root()));
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  const std::string dir = testing::MakeTempDir("eb_host_profile_");
  const std::string path = dir + "/host.json";
  testing::WriteFile(path, ToJson(*profile).dump(2));
  EXPECT_TRUE(LoadDeviceProfile(path).ok());
  const std::string cmd = std::string("/usr/bin/python3 ") + EDGEBENCH_SOURCE_DIR +
                          "/suites/schema/validate.py --schema " + EDGEBENCH_SOURCE_DIR +
                          "/devices/schema/device.schema.json " + path + " >/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace edgebench
