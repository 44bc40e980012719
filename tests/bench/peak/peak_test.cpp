#include "bench/peak/peak.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "bench/peak/peak_kernel_selection.h"

namespace edgebench::bench {
namespace {

constexpr PeakOptions kShort = {/*trial_seconds=*/0.02, /*trials=*/2};

TEST(PeakTest, Fp32PeakIsMeasuredWithTheWidestKernel) {
  const PeakMeasurement peak = MeasureFp32Peak(kShort);
  ASSERT_TRUE(peak.available) << peak.reason;
  EXPECT_TRUE(std::isfinite(peak.ops_per_second));
  EXPECT_GT(peak.ops_per_second, 0.0);
  EXPECT_GT(peak.iterations, 0);
  EXPECT_EQ(peak.kernel, Fp32PeakKernels().front()->name);
}

TEST(PeakTest, Int8PeakIsMeasuredOrSaysWhyNot) {
  const PeakMeasurement peak = MeasureInt8Peak(kShort);
  if (!peak.available) {
    EXPECT_FALSE(peak.reason.empty());
    GTEST_SKIP() << peak.reason;
  }
  EXPECT_TRUE(std::isfinite(peak.ops_per_second));
  EXPECT_GT(peak.ops_per_second, 0.0);
  EXPECT_EQ(peak.kernel, Int8PeakKernels().front()->name);
}

// Every FP32 loop runs acc = acc * 0.999999 + 1e-6 from 0 in each of its
// lanes, so after n trips the checksum is lanes * (1 - 0.999999^n). Lanes are
// half the declared ops (one FMA is two), so this checks the op count too.
TEST(PeakTest, Fp32KernelsDoTheWorkTheyCount) {
  constexpr int64_t kTrips = 1000;
  for (const PeakKernel* kernel : Fp32PeakKernels()) {
    const double lanes = static_cast<double>(kernel->ops_per_iteration) / 2;
    const double expected = lanes * (1.0 - std::pow(0.999999, kTrips));
    EXPECT_NEAR(kernel->run(kTrips), expected, expected * 1e-3) << kernel->name;
  }
}

#if defined(__x86_64__)
// The AVX2 loop feeds each accumulator back as its u8 operand: per int32 lane,
// acc += -5 * (sum of acc's four bytes). Chain k starts with every byte k + 1.
double Avx2DotChecksum(int64_t chains, int64_t trips) {
  double total = 0.0;
  for (int64_t k = 0; k < chains; ++k) {
    uint32_t lane = 0x01010101u * static_cast<uint32_t>(k + 1);
    for (int64_t t = 0; t < trips; ++t) {
      const int32_t bytes = (lane & 0xff) + ((lane >> 8) & 0xff) + ((lane >> 16) & 0xff) + (lane >> 24);
      lane += static_cast<uint32_t>(-5 * bytes);
    }
    total += 8.0 * static_cast<int32_t>(lane);  // 8 identical lanes per ymm
  }
  return total;
}
#endif

// The VNNI loops add 3 * -5 per multiply-add to zeroed accumulators, so after
// n trips the checksum is -15 * (multiply-adds per trip) * n.
TEST(PeakTest, Int8KernelsDoTheWorkTheyCount) {
  constexpr int64_t kTrips = 1000;
  if (Int8PeakKernels().empty()) GTEST_SKIP() << "no INT8 peak kernel for this CPU";
  for (const PeakKernel* kernel : Int8PeakKernels()) {
    const int64_t macs = kernel->ops_per_iteration / 2;
#if defined(__x86_64__)
    if (kernel == &kDotU8S8Avx2) {
      EXPECT_EQ(kernel->run(kTrips), Avx2DotChecksum(macs / 32, kTrips)) << kernel->name;
      continue;
    }
#endif
    EXPECT_EQ(kernel->run(kTrips), -15.0 * static_cast<double>(macs) * kTrips) << kernel->name;
  }
}

}  // namespace
}  // namespace edgebench::bench
