#include "profilers/memory/proc_status.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

constexpr char kStatus[] =
    "Name:\tedgebench\n"
    "VmPeak:\t  912340 kB\n"
    "VmSize:\t  812340 kB\n"
    "VmHWM:\t   204800 kB\n"
    "VmRSS:\t   102400 kB\n"
    "RssAnon:\t   90000 kB\n"
    "Threads:\t4\n";

TEST(ProcStatusTest, ParsesRssAndHwmInBytes) {
  const ProcStatusMemory memory = ParseProcStatusMemory(kStatus);
  EXPECT_EQ(memory.rss_bytes.value, int64_t{102400} * 1024);
  EXPECT_EQ(memory.rss_hwm_bytes.value, int64_t{204800} * 1024);
}

TEST(ProcStatusTest, MissingFieldsAreUnknownWithReason) {
  // A kernel thread's status has no Vm* lines.
  const ProcStatusMemory memory = ParseProcStatusMemory("Name:\tkthreadd\nThreads:\t1\n", "/proc/2/status");
  EXPECT_FALSE(memory.rss_bytes.known());
  EXPECT_EQ(memory.rss_bytes.reason, "no VmRSS line in /proc/2/status");
  EXPECT_EQ(memory.rss_hwm_bytes.reason, "no VmHWM line in /proc/2/status");
}

TEST(ProcStatusTest, MalformedFieldIsUnknownWithReason) {
  const ProcStatusMemory memory = ParseProcStatusMemory("VmHWM:\t lots\nVmRSS:\t 12 MB\n");
  EXPECT_FALSE(memory.rss_hwm_bytes.known());
  EXPECT_TRUE(Contains(memory.rss_hwm_bytes.reason, "VmHWM is '\t lots', not '<n> kB'"));
  EXPECT_FALSE(memory.rss_bytes.known());
  EXPECT_TRUE(Contains(memory.rss_bytes.reason, "/proc/self/status VmRSS"));
}

TEST(ProcStatusTest, SimilarKeysAreNotConfused) {
  const ProcStatusMemory memory = ParseProcStatusMemory("VmRSSx:\t1 kB\nVmRSS:\t2 kB\nVmHWM:\t3 kB\n");
  EXPECT_EQ(memory.rss_bytes.value, 2048);
}

TEST(ProcStatusTest, UnreadableFileIsUnknownWithItsPath) {
  FakeSysfs dir;
  const ProcStatusMemory memory = ReadProcStatusMemory(dir.root() + "/status");
  EXPECT_FALSE(memory.rss_bytes.known());
  EXPECT_EQ(memory.rss_bytes.reason, "no " + dir.root() + "/status");
  EXPECT_EQ(memory.rss_hwm_bytes.reason, memory.rss_bytes.reason);
}

TEST(ProcStatusTest, ReadsAFileFromDisk) {
  FakeSysfs dir;
  dir.Write("status", kStatus);
  EXPECT_EQ(ReadProcStatusMemory(dir.root() + "/status").rss_bytes.value, int64_t{102400} * 1024);
}

}  // namespace
}  // namespace edgebench
