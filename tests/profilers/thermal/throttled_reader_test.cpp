#include "profilers/thermal/throttled_reader.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

TEST(ThrottledReaderTest, ReadsHexWithOrWithoutPrefix) {
  FakeSysfs sysfs;
  sysfs.WritePiThrottled("50005\n");  // what the firmware driver writes
  EXPECT_EQ(ReadPiThrottled(sysfs.root()).value, 0x50005u);
  sysfs.WritePiThrottled("0x0\n");
  EXPECT_EQ(ReadPiThrottled(sysfs.root()).value, 0u);
}

TEST(ThrottledReaderTest, DescribesCurrentAndStickyBits) {
  EXPECT_EQ(DescribePiThrottled(0), "");
  EXPECT_EQ(DescribePiThrottled(kPiUnderVoltage | kPiThrottled), "under-voltage, throttled");
  EXPECT_EQ(DescribePiThrottled(0x50000), "under-voltage (since boot), throttled (since boot)");
  EXPECT_EQ(DescribePiThrottled(0x80002), "arm frequency capped, soft temperature limit (since boot)");
}

TEST(ThrottledReaderTest, AbsentIsUnknownWithReason) {
  FakeSysfs sysfs;
  const Known<uint32_t> flags = ReadPiThrottled(sysfs.root());
  EXPECT_FALSE(flags.known());
  EXPECT_TRUE(Contains(flags.reason, "soc:firmware/get_throttled (not a Raspberry Pi)"));
}

TEST(ThrottledReaderTest, MalformedIsUnknownWithReason) {
  FakeSysfs sysfs;
  sysfs.WritePiThrottled("throttled=zz\n");
  const Known<uint32_t> flags = ReadPiThrottled(sysfs.root());
  EXPECT_FALSE(flags.known());
  EXPECT_TRUE(Contains(flags.reason, "not a hex integer"));
  sysfs.WritePiThrottled("1ffffffff\n");
  EXPECT_TRUE(Contains(ReadPiThrottled(sysfs.root()).reason, "not 32 flag bits"));
}

}  // namespace
}  // namespace edgebench
