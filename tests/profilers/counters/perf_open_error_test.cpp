#include "profilers/counters/perf_open_error.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(PerfOpenErrorTest, MissingPmuSaysSoWithErrnoTextAndName) {
  const std::string text = DescribeOpenError("cycles", ENOENT, true, Known<int>::Of(2));
  EXPECT_TRUE(Contains(text, "perf_event_open(cycles) failed: No such file or directory (ENOENT): "));
  EXPECT_TRUE(Contains(text, "VM without a virtual PMU"));
}

TEST(PerfOpenErrorTest, PermissionQuotesParanoid) {
  EXPECT_TRUE(Contains(DescribeOpenError("cycles", EACCES, true, Known<int>::Of(3)),
                       "(EACCES): perf_event_paranoid is 3 and this process lacks CAP_PERFMON"));
  const std::string unknown = DescribeOpenError("cycles", EPERM, true, Known<int>::Unknown("no file"));
  EXPECT_TRUE(Contains(unknown, "(EPERM): perf_event_paranoid and this process lacks CAP_PERFMON"));
}

TEST(PerfOpenErrorTest, SoftwareEventsAreNotBlamedOnThePmu) {
  const std::string text = DescribeOpenError("task-clock", ENOENT, false, Known<int>::Of(2));
  EXPECT_TRUE(Contains(text, "this kernel does not have this software event"));
  EXPECT_EQ(text.find("PMU"), std::string::npos) << text;
}

TEST(PerfOpenErrorTest, UnlistedErrnoStillNamesEventAndErrno) {
  const std::string text = DescribeOpenError("instructions", E2BIG, true, Known<int>::Of(2));
  EXPECT_TRUE(Contains(text, "perf_event_open(instructions) failed: "));
  EXPECT_TRUE(Contains(text, "(E2BIG)"));
}

}  // namespace
}  // namespace edgebench
