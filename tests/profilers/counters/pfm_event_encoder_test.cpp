#include "profilers/counters/pfm_event_encoder.h"

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

// libpfm4 encodes from its tables, so these pass even where no PMU exists
// (this VM): only perf_event_open needs the hardware.
TEST(PfmEventEncoderTest, EncodesGenericHardwareEvents) {
  const Expected<perf_event_attr> cycles = EncodePerfEvent("cycles", false);
  ASSERT_TRUE(cycles.ok()) << cycles.status().ToString();
  EXPECT_EQ(cycles->type, static_cast<uint32_t>(PERF_TYPE_HARDWARE));
  EXPECT_EQ(cycles->config, static_cast<uint64_t>(PERF_COUNT_HW_CPU_CYCLES));
  EXPECT_EQ(cycles->size, sizeof(perf_event_attr));

  const Expected<perf_event_attr> instructions = EncodePerfEvent("instructions", false);
  ASSERT_TRUE(instructions.ok()) << instructions.status().ToString();
  EXPECT_EQ(instructions->config, static_cast<uint64_t>(PERF_COUNT_HW_INSTRUCTIONS));

  const Expected<perf_event_attr> llc = EncodePerfEvent("LLC-load-misses", false);
  ASSERT_TRUE(llc.ok()) << llc.status().ToString();
  EXPECT_EQ(llc->type, static_cast<uint32_t>(PERF_TYPE_HW_CACHE));
}

TEST(PfmEventEncoderTest, PrivilegeLevelFollowsCountKernel) {
  const Expected<perf_event_attr> user = EncodePerfEvent("instructions", false);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->exclude_kernel, 1u);
  EXPECT_EQ(user->exclude_user, 0u);

  const Expected<perf_event_attr> both = EncodePerfEvent("instructions", true);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->exclude_kernel, 0u);
  EXPECT_EQ(both->exclude_user, 0u);

  // A modifier in the name wins over the default.
  const Expected<perf_event_attr> kernel_only = EncodePerfEvent("instructions:k", false);
  ASSERT_TRUE(kernel_only.ok()) << kernel_only.status().ToString();
  EXPECT_EQ(kernel_only->exclude_user, 1u);
}

TEST(PfmEventEncoderTest, SoftwareEventsEncodeToTheSoftwareType) {
  const Expected<perf_event_attr> faults = EncodePerfEvent("page-faults", true);
  ASSERT_TRUE(faults.ok()) << faults.status().ToString();
  EXPECT_EQ(faults->type, static_cast<uint32_t>(PERF_TYPE_SOFTWARE));
  EXPECT_EQ(faults->config, static_cast<uint64_t>(PERF_COUNT_SW_PAGE_FAULTS));
}

TEST(PfmEventEncoderTest, UnknownNameIsAClearError) {
  const Expected<perf_event_attr> attr = EncodePerfEvent("no-such-event-xyz", false);
  ASSERT_FALSE(attr.ok());
  EXPECT_EQ(attr.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(attr.status().message(), "'no-such-event-xyz'"));
  EXPECT_TRUE(Contains(attr.status().message(), "libpfm4: event not found"));
}

TEST(PfmEventEncoderTest, BadModifierIsAClearError) {
  const Expected<perf_event_attr> attr = EncodePerfEvent("cycles:nosuchmodifier", false);
  ASSERT_FALSE(attr.ok());
  EXPECT_EQ(attr.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(attr.status().message(), "'cycles:nosuchmodifier'"));
}

}  // namespace
}  // namespace edgebench
