#include "profilers/counters/perf_event_paranoid.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(PerfEventParanoidTest, ReadsTheLevel) {
  FakeSysfs proc;
  proc.Write("sys/kernel/perf_event_paranoid", "2\n");
  EXPECT_EQ(ReadPerfEventParanoid(proc.root()).value, 2);
  proc.Write("sys/kernel/perf_event_paranoid", "-1\n");
  EXPECT_EQ(ReadPerfEventParanoid(proc.root()).value, -1);
}

TEST(PerfEventParanoidTest, MissingFileIsUnknownWithReason) {
  FakeSysfs proc;
  proc.MakeDir("sys/kernel");
  const Known<int> level = ReadPerfEventParanoid(proc.root());
  EXPECT_FALSE(level.known());
  EXPECT_TRUE(Contains(level.reason, "perf_event_paranoid"));
  EXPECT_TRUE(Contains(level.reason, "a kernel without perf events"));
}

TEST(PerfEventParanoidTest, GarbageIsUnknownWithReason) {
  FakeSysfs proc;
  proc.Write("sys/kernel/perf_event_paranoid", "high\n");
  const Known<int> level = ReadPerfEventParanoid(proc.root());
  EXPECT_FALSE(level.known());
  EXPECT_TRUE(Contains(level.reason, "'high'"));
}

TEST(PerfEventParanoidTest, ReadsThisMachine) {
  const Known<int> level = ReadPerfEventParanoid();
  if (!level.known()) GTEST_SKIP() << level.reason;
  EXPECT_GE(*level.value, -1);
}

}  // namespace
}  // namespace edgebench
