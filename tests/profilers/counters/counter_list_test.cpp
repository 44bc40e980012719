#include "profilers/counters/counter_list.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

using Names = std::vector<std::string>;

TEST(CounterListTest, SplitsOnCommasAndTrims) {
  const Expected<Names> names = ParseCounterList(" cycles,instructions , LLC-load-misses ");
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_EQ(*names, (Names{"cycles", "instructions", "LLC-load-misses"}));
}

TEST(CounterListTest, KeepsLibpfmModifiersAndPmuPrefixes) {
  const Expected<Names> names = ParseCounterList("perf::cycles:u,amd64_fam19h_zen4::RETIRED_OPS");
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_EQ(*names, (Names{"perf::cycles:u", "amd64_fam19h_zen4::RETIRED_OPS"}));
}

TEST(CounterListTest, OneName) {
  const Expected<Names> names = ParseCounterList("cycles");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, Names{"cycles"});
}

TEST(CounterListTest, RejectsEmptyNames) {
  for (const std::string list : {"", " ", "cycles,,instructions", "cycles,", ",cycles", "cycles, ,x"}) {
    const Expected<Names> names = ParseCounterList(list);
    ASSERT_FALSE(names.ok()) << "'" << list << "'";
    EXPECT_EQ(names.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(Contains(names.status().message(), "is empty"));
  }
}

TEST(CounterListTest, RejectsNamesRunTogether) {
  const Expected<Names> names = ParseCounterList("cycles instructions");
  ASSERT_FALSE(names.ok());
  EXPECT_TRUE(Contains(names.status().message(), "'cycles instructions' is not one event name"));
}

TEST(CounterListTest, RejectsDuplicatesByName) {
  const Expected<Names> names = ParseCounterList("cycles, instructions, cycles");
  ASSERT_FALSE(names.ok());
  EXPECT_EQ(names.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(names.status().message(), "'cycles' is listed twice"));
}

TEST(CounterListTest, DefaultSetCoversIssueFour) {
  const Names& defaults = DefaultHardwareEvents();
  for (const char* name : {"cycles", "instructions", "cache-references", "cache-misses", "branch-misses", "LLC-loads",
                           "LLC-load-misses", "stalled-cycles-frontend", "stalled-cycles-backend"}) {
    EXPECT_NE(std::find(defaults.begin(), defaults.end(), name), defaults.end()) << name;
  }
}

}  // namespace
}  // namespace edgebench
