#include "profilers/memory/memory_snapshot.h"

#include <sys/mman.h>

#include <cstring>
#include <fstream>

#include <gtest/gtest.h>

#include "profilers/memory/rusage_reader.h"
#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

constexpr int64_t kMiB = int64_t{1} << 20;

MemorySnapshot Snapshot(int64_t rss, int64_t hwm, int64_t maxrss) {
  return {Known<int64_t>::Of(rss), Known<int64_t>::Of(hwm), Known<int64_t>::Of(maxrss)};
}

TEST(MemorySnapshotTest, ThisProcessHasResidentMemory) {
  const MemorySnapshot snapshot = TakeMemorySnapshot();
  ASSERT_TRUE(snapshot.rss_bytes.known()) << snapshot.rss_bytes.reason;
  ASSERT_TRUE(snapshot.rss_hwm_bytes.known()) << snapshot.rss_hwm_bytes.reason;
  ASSERT_TRUE(snapshot.maxrss_bytes.known()) << snapshot.maxrss_bytes.reason;
  EXPECT_GT(*snapshot.rss_bytes.value, 0);
  EXPECT_GE(*snapshot.rss_hwm_bytes.value, *snapshot.rss_bytes.value);
  EXPECT_GT(*snapshot.maxrss_bytes.value, 0);
}

TEST(MemorySnapshotTest, Touching64MiBRaisesThePeakByAboutThat) {
  // Reset VmHWM to the current RSS so the new peak shows whatever earlier
  // tests reached (Linux >= 4.0); without it the check is weaker.
  const bool reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
  const MemorySnapshot before = TakeMemorySnapshot();
  ASSERT_TRUE(before.rss_bytes.known()) << before.rss_bytes.reason;

  const size_t bytes = static_cast<size_t>(64 * kMiB);
  void* fresh = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(fresh, MAP_FAILED);
  std::memset(fresh, 1, bytes);
  const MemorySnapshot touched = TakeMemorySnapshot();
  munmap(fresh, bytes);
  const MemorySnapshot after = TakeMemorySnapshot();

  // The kernel's per-thread RSS batching lets the counters lag a little.
  const int64_t slack = 4 * kMiB;
  EXPECT_GE(*touched.rss_bytes.value - *before.rss_bytes.value, 64 * kMiB - slack);
  EXPECT_GE(*touched.rss_hwm_bytes.value - *before.rss_bytes.value, 64 * kMiB - slack);
  if (reset) {
    EXPECT_LE(*touched.rss_hwm_bytes.value - *before.rss_hwm_bytes.value, 64 * kMiB + 16 * kMiB);
  }
  // Unmapping lowers the RSS but not its high-water mark.
  EXPECT_LT(*after.rss_bytes.value, *touched.rss_bytes.value - 32 * kMiB);
  EXPECT_GE(*after.rss_hwm_bytes.value, *touched.rss_hwm_bytes.value - slack);
  EXPECT_GE(*ReadMaxRssBytes().value, 64 * kMiB);
}

TEST(MemorySnapshotTest, JsonGivesPeakAndDeltaOfTheHighWaterMark) {
  const nlohmann::json rss = RssJson(Snapshot(100, 150, 160), Snapshot(120, 400, 410));
  EXPECT_EQ(rss["rss_peak_bytes"], 400);
  EXPECT_EQ(rss["rss_delta_bytes"], 250);
  EXPECT_EQ(rss["rss_peak_after_load_bytes"], 150);
  EXPECT_EQ(rss["rss_after_load_bytes"], 100);
  EXPECT_EQ(rss["rss_after_run_bytes"], 120);
  EXPECT_EQ(rss["maxrss_after_load_bytes"], 160);
  EXPECT_EQ(rss["maxrss_after_run_bytes"], 410);
}

TEST(MemorySnapshotTest, JsonUnknownsCarryReasons) {
  MemorySnapshot no_status = Snapshot(0, 0, 160);
  no_status.rss_bytes = no_status.rss_hwm_bytes = Known<int64_t>::Unknown("no /proc/self/status");
  const nlohmann::json rss = RssJson(no_status, Snapshot(120, 400, 410));
  EXPECT_EQ(rss["rss_peak_bytes"], 400);
  EXPECT_EQ(rss["rss_delta_bytes"], "unknown");
  EXPECT_EQ(rss["rss_delta_bytes_reason"], "no /proc/self/status");
  ExpectUnknownsHaveReasons(rss);
}

TEST(MemorySnapshotTest, APeakThatFellIsNotADelta) {
  const nlohmann::json rss = RssJson(Snapshot(100, 500, 500), Snapshot(100, 300, 500));
  EXPECT_EQ(rss["rss_delta_bytes"], "unknown");
  EXPECT_TRUE(Contains(rss["rss_delta_bytes_reason"], "reset between the snapshots"));
}

}  // namespace
}  // namespace edgebench
