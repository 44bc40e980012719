#include "runtime/core/float16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "runtime/core/splitmix64.h"

namespace edgebench {
namespace {

bool IsHalfNan(uint16_t h) { return (h & 0x7C00u) == 0x7C00u && (h & 0x3FFu) != 0; }

// The value of half bits from the definition (IEEE 754 binary16), in double.
double HalfValue(uint16_t h) {
  const int exponent = (h >> 10) & 0x1F;
  const int mantissa = h & 0x3FF;
  const double sign = (h & 0x8000u) ? -1.0 : 1.0;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  if (exponent == 31) return mantissa ? std::numeric_limits<double>::quiet_NaN() : sign * INFINITY;
  return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

uint32_t FloatBitsOf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  return bits;
}

float FloatFromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

// Every half value reads as its defined value and converts back to the same bits.
TEST(Float16Test, AllHalfValuesRoundTripExactly) {
  for (const Float16Kernels* kernels : {&PortableFloat16Kernels(), &BestFloat16Kernels()}) {
    SCOPED_TRACE(kernels->isa);
    std::vector<uint16_t> halves(65536);
    for (uint32_t h = 0; h < 65536; ++h) halves[h] = static_cast<uint16_t>(h);
    std::vector<float> floats(halves.size());
    std::vector<uint16_t> back(halves.size());
    kernels->to_float32(halves.data(), floats.data(), halves.size());
    kernels->to_float16(floats.data(), back.data(), floats.size());
    int mismatches = 0;
    for (uint32_t h = 0; h < 65536 && mismatches < 10; ++h) {
      const double expected = HalfValue(static_cast<uint16_t>(h));
      if (IsHalfNan(static_cast<uint16_t>(h))) {
        // NaN stays NaN with its sign; the payload may be quieted.
        const bool ok = std::isnan(floats[h]) && IsHalfNan(back[h]) && (back[h] & 0x8000u) == (h & 0x8000u);
        mismatches += !ok;
        EXPECT_TRUE(ok) << std::hex << h << " -> " << back[h];
        continue;
      }
      const bool ok = static_cast<double>(floats[h]) == expected && back[h] == h &&
                      std::signbit(floats[h]) == ((h & 0x8000u) != 0);
      mismatches += !ok;
      EXPECT_TRUE(ok) << std::hex << "0x" << h << " -> " << floats[h] << " -> 0x" << back[h];
    }
  }
}

TEST(Float16Test, RoundsToNearestEvenOverflowsAndKeepsSubnormals) {
  const float two_pow_m24 = std::ldexp(1.0f, -24);
  const float two_pow_m25 = std::ldexp(1.0f, -25);
  struct Case {
    float value;
    uint16_t expected;
  } const cases[] = {
      {0.0f, 0x0000},
      {-0.0f, 0x8000},
      {1.0f, 0x3C00},
      {-2.0f, 0xC000},
      {1.0f + std::ldexp(1.0f, -11), 0x3C00},                              // tie between 0x3C00 and 0x3C01: even
      {std::nextafter(1.0f + std::ldexp(1.0f, -11), 2.0f), 0x3C01},         // just above the tie
      {1.0f + 3 * std::ldexp(1.0f, -11), 0x3C02},                          // tie between 0x3C01 and 0x3C02: even
      {65504.0f, 0x7BFF},                                                  // largest half
      {std::nextafter(65520.0f, 0.0f), 0x7BFF},
      {65520.0f, 0x7C00},                                                  // tie to even is infinity
      {-1e10f, 0xFC00},
      {std::numeric_limits<float>::infinity(), 0x7C00},
      {std::ldexp(1.0f, -14), 0x0400},                                     // smallest normal
      {1023 * two_pow_m24, 0x03FF},                                        // largest subnormal
      {1023.5f * two_pow_m24, 0x0400},                                     // tie rounds up into the normals
      {two_pow_m24, 0x0001},                                               // smallest subnormal
      {-two_pow_m24, 0x8001},
      {two_pow_m25, 0x0000},                                               // tie between 0 and 1: even
      {std::nextafter(two_pow_m25, 1.0f), 0x0001},
      {3 * two_pow_m25, 0x0002},                                           // tie between 1 and 2: even
      {5 * two_pow_m25, 0x0002},                                           // tie between 2 and 3: even
      {1e-10f, 0x0000},
      {std::numeric_limits<float>::denorm_min(), 0x0000},
  };
  for (const Float16Kernels* kernels : {&PortableFloat16Kernels(), &BestFloat16Kernels()}) {
    for (const Case& c : cases) {
      uint16_t h = 0;
      kernels->to_float16(&c.value, &h, 1);
      EXPECT_EQ(h, c.expected) << kernels->isa << ": " << c.value;
    }
    const float nan = std::numeric_limits<float>::quiet_NaN();
    uint16_t h = 0;
    kernels->to_float16(&nan, &h, 1);
    EXPECT_TRUE(IsHalfNan(h)) << kernels->isa;
  }
  EXPECT_EQ(Float32ToFloat16(1.0f), 0x3C00);
  EXPECT_EQ(Float16ToFloat32(uint16_t{0x3555}), 0.333251953125f);
}

// For random finite floats in half range, the result is a nearest half, and
// the even one on a tie: the definition, checked against its neighbours.
TEST(Float16Test, PortableConversionIsCorrectlyRounded) {
  SplitMix64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    // Exponents from 2^-27 to 2^16, random mantissa and sign.
    const uint32_t bits = static_cast<uint32_t>(rng.Next());
    const uint32_t exponent = 100 + static_cast<uint32_t>(rng.Next() % 43);
    const float f = FloatFromBits((bits & 0x807FFFFFu) | (exponent << 23));
    const uint16_t h = Float32ToFloat16(f);
    if ((h & 0x7FFFu) == 0x7C00u) {
      EXPECT_GE(std::fabs(f), 65520.0f) << f;
      continue;
    }
    const double err = std::fabs(HalfValue(h) - f);
    for (int step : {-1, 1}) {
      const uint16_t magnitude = static_cast<uint16_t>((h & 0x7FFFu) + step);
      if ((h & 0x7FFFu) == 0 && step < 0) continue;
      const uint16_t neighbour = static_cast<uint16_t>((h & 0x8000u) | magnitude);
      const double neighbour_err = std::fabs(HalfValue(neighbour) - f);
      ASSERT_LE(err, neighbour_err) << f << " -> 0x" << std::hex << h;
      if (err == neighbour_err) ASSERT_EQ(h & 1u, 0u) << "tie not to even: " << f;
    }
  }
}

// The ISA kernels give the portable bits for any float bit pattern (NaN:
// both NaN) and any length, tails included.
TEST(Float16Test, BestKernelsMatchPortableOnRandomBits) {
  const Float16Kernels& best = BestFloat16Kernels();
  if (std::string(best.isa) == "portable") GTEST_SKIP() << "no F16C or NEON on this CPU; only the portable path runs";
  SplitMix64 rng(20240611);
  std::vector<float> floats(1 << 20);
  for (float& f : floats) f = FloatFromBits(static_cast<uint32_t>(rng.Next()));
  // Half of them in half range (2^-27 to 2^16), where the rounding matters most.
  for (size_t i = 0; i < floats.size(); i += 2) {
    const uint32_t exponent = 100 + static_cast<uint32_t>(rng.Next() % 43);
    floats[i] = FloatFromBits((static_cast<uint32_t>(rng.Next()) & 0x807FFFFFu) | (exponent << 23));
  }
  for (size_t n : {floats.size(), size_t{13}, size_t{7}, size_t{1}}) {
    std::vector<uint16_t> expected(n), actual(n);
    PortableFloat16Kernels().to_float16(floats.data(), expected.data(), n);
    best.to_float16(floats.data(), actual.data(), n);
    for (size_t i = 0; i < n; ++i) {
      if (IsHalfNan(expected[i]) && IsHalfNan(actual[i])) continue;
      ASSERT_EQ(actual[i], expected[i]) << best.isa << " n=" << n << " i=" << i << " value " << floats[i];
    }
    std::vector<float> expected_back(n), actual_back(n);
    PortableFloat16Kernels().to_float32(expected.data(), expected_back.data(), n);
    best.to_float32(expected.data(), actual_back.data(), n);
    for (size_t i = 0; i < n; ++i) {
      if (std::isnan(expected_back[i]) && std::isnan(actual_back[i])) continue;
      ASSERT_EQ(FloatBitsOf(actual_back[i]), FloatBitsOf(expected_back[i])) << best.isa << " i=" << i;
    }
  }
}

TEST(Float16Test, ArithmeticDetectionSaysStorageOnly) {
  const Float16Arithmetic arithmetic = DetectFloat16Arithmetic();
  EXPECT_FALSE(arithmetic.used);
  EXPECT_NE(arithmetic.reason.find("storage only"), std::string::npos) << arithmetic.reason;
  EXPECT_NE(arithmetic.reason.find(BestFloat16Kernels().isa), std::string::npos) << arithmetic.reason;
}

}  // namespace
}  // namespace edgebench
