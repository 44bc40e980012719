#include "harness/inspect/units.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

TEST(UnitsTest, CountsUseDecimalPrefixes) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1814073344), "1.81 G");
  EXPECT_EQ(FormatCount(5376), "5.38 k");
}

TEST(UnitsTest, BytesUseBinaryPrefixes) {
  EXPECT_EQ(FormatBytes(384), "384 B");
  EXPECT_EQ(FormatBytes(4014080), "3.83 MiB");
  EXPECT_EQ(FormatBytes(int64_t{3} << 30), "3 GiB");
}

}  // namespace
}  // namespace edgebench
