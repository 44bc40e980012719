#include "devices/host/host_info.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(HostInfoTest, DetectsThisMachine) {
  const HostInfo host = DetectHost();
  // hwloc and uname work on every Linux this runs on; the rest may be unknown.
  ASSERT_TRUE(host.threads.known()) << host.threads.reason;
  ASSERT_TRUE(host.cores.known()) << host.cores.reason;
  EXPECT_GE(*host.threads.value, *host.cores.value);
  ASSERT_TRUE(host.kernel.known()) << host.kernel.reason;
  EXPECT_EQ(host.kernel.value->rfind("Linux ", 0), 0u);
  ASSERT_TRUE(host.memory_bytes.known()) << host.memory_bytes.reason;
  EXPECT_GT(*host.memory_bytes.value, int64_t{1} << 26);
  EXPECT_TRUE(host.governor.known() || !host.governor.reason.empty());
}

TEST(HostInfoTest, JsonHasEveryFieldAndReasons) {
  const nlohmann::json json = ToJson(DetectHost());
  for (const char* field : {"cpu_model", "cores", "threads", "caches", "numa_nodes", "memory_bytes", "kernel",
                            "architecture", "governor", "cpu_features"}) {
    EXPECT_TRUE(json.contains(field)) << field;
  }
  ExpectUnknownsHaveReasons(json);
}

TEST(HostInfoTest, CachesHaveSizesWhenHwlocSeesThem) {
  const HostInfo host = DetectHost();
  if (!host.caches.known()) GTEST_SKIP() << host.caches.reason;
  for (const CacheInfo& cache : *host.caches.value) {
    EXPECT_EQ(cache.level.front(), 'L');
    EXPECT_GT(cache.size_bytes, 0) << cache.level;
    EXPECT_GT(cache.instances, 0) << cache.level;
  }
}

TEST(HostInfoTest, UnknownFieldsAreWrittenAsUnknownWithReason) {
  HostInfo host;
  host.cpu_model = Known<std::string>::Of("Cortex-A72");
  host.cores = Known<int>::Of(4);
  host.governor = Known<std::string>::Unknown("no /sys/devices/system/cpu/cpu0/cpufreq (VM or cpufreq driver absent)");
  CacheInfo l2;
  l2.level = "L2";
  l2.size_bytes = 1 << 20;
  l2.line_bytes = Known<int>::Unknown("hwloc does not know the line size");
  l2.instances = 1;
  host.caches = Known<std::vector<CacheInfo>>::Of({l2});
  const nlohmann::json json = ToJson(host);
  EXPECT_EQ(json["cpu_model"], "Cortex-A72");
  EXPECT_EQ(json["cores"], 4);
  EXPECT_EQ(json["governor"], "unknown");
  EXPECT_EQ(json["governor_reason"], "no /sys/devices/system/cpu/cpu0/cpufreq (VM or cpufreq driver absent)");
  EXPECT_EQ(json["caches"][0]["size_bytes"], 1 << 20);
  EXPECT_EQ(json["caches"][0]["line_bytes"], "unknown");
}

}  // namespace
}  // namespace edgebench
