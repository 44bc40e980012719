// The threads axis: counts and ranges expand per machine, sorted and each
// count once; bad entries name their index.
#include "harness/suite/thread_spec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace edgebench {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::vector<int> Expand(const char* specs, int max_threads) {
  Expected<std::vector<int>> threads = ExpandThreads(json::parse(specs), max_threads);
  EXPECT_TRUE(threads.ok()) << specs << ": " << threads.status().ToString();
  return threads.ok() ? *threads : std::vector<int>{};
}

std::string ExpandError(const json& specs, int max_threads = 2) {
  Expected<std::vector<int>> threads = ExpandThreads(specs, max_threads, "axes.threads");
  EXPECT_FALSE(threads.ok()) << specs.dump();
  EXPECT_EQ(threads.status().code(), ErrorCode::kInvalidArgument);
  return threads.status().message();
}

TEST(SuiteThreadsTest, CountsAndRanges) {
  EXPECT_EQ(Expand("[1]", 2), (std::vector<int>{1}));
  EXPECT_EQ(Expand("[\"3\"]", 2), (std::vector<int>{3}));
  EXPECT_EQ(Expand("[\"1-4\"]", 2), (std::vector<int>{1, 2, 3, 4})) << "explicit counts may oversubscribe";
  EXPECT_EQ(Expand("[\"2..4\"]", 8), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(Expand("[\"1..max\"]", 2), (std::vector<int>{1, 2}));
  EXPECT_EQ(Expand("[\"2-max\"]", 4), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(Expand("[\"max\"]", 2), (std::vector<int>{2}));
  EXPECT_EQ(Expand("[\"max\"]", 1), (std::vector<int>{1}));
  EXPECT_EQ(Expand("[\"3-3\"]", 1), (std::vector<int>{3}));
}

TEST(SuiteThreadsTest, UnionSortedWithoutDuplicates) {
  EXPECT_EQ(Expand("[1, \"max\"]", 2), (std::vector<int>{1, 2}));
  EXPECT_EQ(Expand("[1, \"max\"]", 1), (std::vector<int>{1})) << "1 and max are one count on one core";
  EXPECT_EQ(Expand("[4, 2, \"1-2\", 2, \"2\", \"1..max\"]", 2), (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(Expand("[\"max\", 1]", 64), (std::vector<int>{1, 64}));
}

TEST(SuiteThreadsTest, RangeFromAboveTheMachineGivesNothingThere) {
  EXPECT_EQ(Expand("[1, \"4..max\"]", 2), (std::vector<int>{1}));
  EXPECT_EQ(Expand("[1, \"4..max\"]", 6), (std::vector<int>{1, 4, 5, 6}));
  EXPECT_THAT(ExpandError(json::parse("[\"4..max\"]")),
              HasSubstr("axes.threads: [\"4..max\"] gives no thread count on a machine with 2 threads"));
}

TEST(SuiteThreadsTest, BadEntriesNameTheirIndex) {
  EXPECT_EQ(ExpandError(json::parse("[1, \"0\"]")), "axes.threads[1]: '0': thread counts start at 1");
  EXPECT_EQ(ExpandError(json::parse("[0]")), "axes.threads[0]: 0: thread counts start at 1");
  EXPECT_EQ(ExpandError(json::parse("[-1]")), "axes.threads[0]: -1: thread counts start at 1");
  EXPECT_EQ(ExpandError(json::parse("[\"4-1\"]")), "axes.threads[0]: '4-1' is an empty range (4 > 1)");
  EXPECT_EQ(ExpandError(json::parse("[\"0-2\"]")), "axes.threads[0]: '0-2': thread counts start at 1");
  EXPECT_EQ(ExpandError(json::parse("[\"2000\"]")), "axes.threads[0]: '2000': more than 1024 threads");
  EXPECT_EQ(ExpandError(json::parse("[1025]")), "axes.threads[0]: 1025: more than 1024 threads");
  for (const char* bad : {"x", "1..x", "", " 1", "1 ", "-1", "max-1", "max..4", "1-2-3", "1...4", "1..", "..4", "2-",
                          "1e3", "+2", "0x10", "MAX", "9999999999"}) {
    EXPECT_EQ(ExpandError(json::array({1, 2, bad})),
              "axes.threads[2]: '" + std::string(bad) +
                  "' is not a thread count or range (N, \"A-B\", \"A..B\", \"A..max\" or \"max\")");
  }
  EXPECT_THAT(ExpandError(json::parse("[2.5]")),
              HasSubstr("axes.threads[0]: must be a thread count or a range string"));
  EXPECT_THAT(ExpandError(json::parse("[true]")), HasSubstr("got boolean true"));
  EXPECT_THAT(ExpandError(json::parse("[null]")), HasSubstr("got null"));
  EXPECT_EQ(ExpandError(json::parse("[18446744073709551615]")),
            "axes.threads[0]: 18446744073709551615: more than 1024 threads");
}

TEST(SuiteThreadsTest, TheListItself) {
  EXPECT_EQ(ExpandError(json::array()), "axes.threads: must not be empty");
  EXPECT_EQ(ExpandError(json(2)), "axes.threads: must be a list, got integer 2");
  EXPECT_EQ(ExpandError(json("1-4")), "axes.threads: must be a list, got string \"1-4\"");
  EXPECT_FALSE(ExpandThreads(json::array({1}), 0).ok());
}

TEST(SuiteThreadsTest, ParseKeepsMaxSymbolic) {
  const Expected<ThreadSpec> spec = ParseThreadSpec("1..max", "t");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->first, 1);
  EXPECT_FALSE(spec->first_is_max);
  EXPECT_TRUE(spec->last_is_max);
  const Expected<ThreadSpec> max = ParseThreadSpec("max", "t");
  ASSERT_TRUE(max.ok());
  EXPECT_TRUE(max->first_is_max && max->last_is_max);
}

}  // namespace
}  // namespace edgebench
