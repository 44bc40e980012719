#include "runtime/quant/value_histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "runtime/core/splitmix64.h"

namespace edgebench {
namespace {

// Uniform values in [lo, hi) from a fixed seed.
std::vector<float> Uniform(int n, float lo, float hi, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = lo + (hi - lo) * static_cast<float>((rng.Next() >> 11) * 0x1.0p-53);
  return v;
}

ValueHistogram Histogram(const std::vector<float>& v) {
  float lo = v[0], hi = v[0];
  for (float x : v) {
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  ValueHistogram h(lo, hi);
  h.Add(v.data(), static_cast<int64_t>(v.size()));
  return h;
}

TEST(ValueHistogramTest, SignedDataIsBinnedSymmetricallyAroundZero) {
  const std::vector<float> v = {-1.0f, 0.5f, 3.0f};
  ValueHistogram h = Histogram(v);
  EXPECT_FALSE(h.non_negative());
  EXPECT_FLOAT_EQ(h.lower(), -3.0f);
  EXPECT_FLOAT_EQ(h.upper(), 3.0f);
  EXPECT_EQ(h.total(), 3);
}

TEST(ValueHistogramTest, NonFiniteValuesAreNotCounted) {
  ValueHistogram h(0.0f, 1.0f);
  const float v[] = {0.5f, NAN, INFINITY, 1.0f};
  h.Add(v, 4);
  EXPECT_TRUE(h.non_negative());
  EXPECT_EQ(h.total(), 2);
}

TEST(PercentileRangeTest, CutsEachTailOfSignedData) {
  // 10000 values uniform in [-1, 1) plus two far outliers: the 99.9th
  // percentile range drops them and stays near [-1, 1].
  std::vector<float> v = Uniform(10000, -1.0f, 1.0f, 7);
  v.push_back(-50.0f);
  v.push_back(50.0f);
  const TensorRange r = PercentileRange(Histogram(v), 99.9);
  EXPECT_NEAR(r.min, -1.0f, 0.06f);
  EXPECT_NEAR(r.max, 1.0f, 0.06f);
}

TEST(PercentileRangeTest, OneHundredKeepsTheObservedRange) {
  const std::vector<float> v = Uniform(1000, -2.0f, 3.0f, 3);
  ValueHistogram h = Histogram(v);
  const TensorRange r = PercentileRange(h, 100.0);
  EXPECT_FLOAT_EQ(r.min, h.observed_min());
  EXPECT_FLOAT_EQ(r.max, h.observed_max());
}

TEST(PercentileRangeTest, NonNegativeDataIsCutAtTheTopOnly) {
  std::vector<float> v = Uniform(10000, 0.0f, 1.0f, 11);
  v.push_back(100.0f);
  ValueHistogram h = Histogram(v);
  const TensorRange r = PercentileRange(h, 99.9);
  EXPECT_FLOAT_EQ(r.min, h.observed_min());
  EXPECT_NEAR(r.max, 1.0f, 0.1f);
}

TEST(EntropyRangeTest, ClipsARareOutlierAndKeepsTheBulk) {
  // A dense uniform bulk in [0, 1) and one value at 100: keeping 100 would
  // spend almost every level on empty space, so the threshold comes down as
  // far as the histogram allows: 128 of its 2048 bins, 6.25.
  std::vector<float> v = Uniform(100000, 0.0f, 1.0f, 5);
  v.push_back(100.0f);
  ValueHistogram h = Histogram(v);
  const TensorRange r = EntropyRange(h);
  EXPECT_FLOAT_EQ(r.min, h.observed_min());
  EXPECT_GT(r.max, 0.9f);
  EXPECT_LE(r.max, 6.25f);
}

TEST(EntropyRangeTest, UniformDataKeepsNearlyItsWholeRange) {
  const std::vector<float> v = Uniform(100000, -1.0f, 1.0f, 9);
  const TensorRange r = EntropyRange(Histogram(v));
  EXPECT_LT(r.min, -0.9f);
  EXPECT_GT(r.max, 0.9f);
}

}  // namespace
}  // namespace edgebench
