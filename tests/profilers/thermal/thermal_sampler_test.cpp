#include "profilers/thermal/thermal_sampler.h"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(ThermalSamplerTest, SamplesPeriodicallyUntilStopped) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, "performance", 2000000, 3000000);
  sysfs.WriteZone(0, "cpu", 50000);
  ThermalSampler sampler(0.02, sysfs.root());
  sampler.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const std::vector<TimedSnapshot> samples = sampler.Stop();
  ASSERT_GE(samples.size(), 2u);
  EXPECT_DOUBLE_EQ(*samples.front().snapshot.max_temp_c.value, 50);
  for (size_t i = 1; i < samples.size(); ++i) EXPECT_GT(samples[i].t_s, samples[i - 1].t_s);
  EXPECT_TRUE(sampler.Stop().empty()) << "a second Stop has nothing";
}

TEST(ThermalSamplerTest, AShortRunHasNoSamplesAndStopsAtOnce) {
  FakeSysfs sysfs;
  ThermalSampler sampler(60, sysfs.root());
  const auto start = std::chrono::steady_clock::now();
  sampler.Start();
  EXPECT_TRUE(sampler.Stop().empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "Stop must not wait a period";
}

ThermalSnapshot At(long mhz, long millidegrees) {
  FakeSysfs sysfs;
  sysfs.WriteCpu(0, "performance", mhz * 1000, 3000000);
  sysfs.WriteZone(0, "cpu", millidegrees);
  return TakeThermalSnapshot(sysfs.root());
}

TEST(ThermalSamplerTest, AMidRunFrequencyDropIsThrottlingEvenWhenTheEndsAgree) {
  const ThermalSnapshot before = At(2000, 50000);
  const ThermalSnapshot after = At(2000, 60000);
  ThermalDelta delta = CompareSnapshots(before, after);
  ASSERT_FALSE(*delta.throttled.value) << "start and end alone show nothing";
  AddSamplesDuringRun(before, {{1.0, At(1990, 70000)}, {2.0, At(1400, 85000)}, {3.0, At(2000, 62000)}}, {}, &delta);
  EXPECT_TRUE(*delta.throttled.value);
  ASSERT_FALSE(delta.warnings.empty());
  EXPECT_TRUE(Contains(delta.warnings.back(), "dropped from 2000 to 1400 MHz 2.0 s into the run"));
  const nlohmann::json json = ToJson(delta);
  EXPECT_EQ(json["peak_c"], 85);
  EXPECT_EQ(json["freq_mhz_lowest"], 1400);
  ASSERT_EQ(json["samples"].size(), 3u);
  EXPECT_EQ(json["samples"][1]["t_s"], 2.0);
}

TEST(ThermalSamplerTest, SamplesWithoutSensorsAreUnknownWithReasons) {
  FakeSysfs sysfs;
  sysfs.MakeDir("class/thermal");
  const ThermalSnapshot none = TakeThermalSnapshot(sysfs.root());
  ThermalDelta delta = CompareSnapshots(none, none);
  AddSamplesDuringRun(none, {{5.0, none}}, {}, &delta);
  const nlohmann::json json = ToJson(delta);
  EXPECT_EQ(json["peak_c"], "unknown");
  EXPECT_EQ(json["throttled"], "unknown");
  ExpectUnknownsHaveReasons(json);
}

}  // namespace
}  // namespace edgebench
