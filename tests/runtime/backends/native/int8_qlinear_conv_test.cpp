// The native QLinearConv against ref's, on shape grids with fixed seeds, for
// every INT8 kernel level this host runs. Both requantize with the same float
// expression (x_scale * w_scale / y_scale, float(acc) * multiplier, round half
// to even), so the outputs must be equal byte for byte.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/backends/native/int8_ops.h"
#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/qconv_case.h"

namespace edgebench::native::testing {
namespace {

void ExpectEqualToRef(const QConvCase& c, uint32_t seed, int threads = 1, ThreadPool* pool = nullptr) {
  const NodeCase n = MakeQConv(c, seed);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : n.inputs) infos.push_back(&t);
  const InferContext ictx(n.node, 13, infos, n.known);
  ASSERT_TRUE(SupportsQLinearConv(ictx)) << Label(c);
  const Tensor want = RunOp(*FindRefOp("", "QLinearConv"), n);
  for (Int8Isa isa : HostInt8Isas()) {
    ExpectSameBytes(RunOp(NativeQLinearConvOp(isa), n, threads, pool), want,
                    Label(c) + " [" + Int8IsaName(isa) + "]");
  }
}

constexpr DType kU8 = DType::kUInt8;
constexpr DType kS8 = DType::kInt8;

TEST(Int8QLinearConv, ShapeGridMatchesRefExactly) {
  uint32_t seed = 1;
  for (int64_t channels : {1, 3, 17, 33, 64}) {
    for (int64_t kernel : {1, 3, 5}) {
      for (int64_t stride : {1, 2}) {
        const int64_t pad = kernel / 2;
        QConvCase c{1, channels, 17, 1, 11, 13, kernel, stride, 1, {pad, pad, pad, pad}, kU8, kS8, kU8,
                    128, 0, 128, true, true};
        ExpectEqualToRef(c, seed++);
      }
    }
  }
}

TEST(Int8QLinearConv, ZeroPointsTypesAndScalesMatchRefExactly) {
  uint32_t seed = 100;
  // x zero point 0 / 128 / odd, weight zero points 0 / odd per tensor / per channel, y zero points, types.
  const std::vector<QConvCase> cases = {
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 0, 0, 0, false, false},
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 77, 0, 131, false, true},
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 77, 5, 131, false, true},
      {1, 17, 20, 1, 9, 10, 3, 2, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 129, -1, 3, true, true},
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kU8, kU8, 128, 128, 128, false, true},
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kU8, kU8, 128, -1, 128, true, true},
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kS8, kS8, kS8, 0, 0, 0, true, true},
      {1, 17, 20, 1, 9, 10, 3, 2, 1, {1, 1, 1, 1}, kS8, kS8, kU8, -7, 0, 120, true, true},
      {1, 33, 9, 1, 8, 9, 1, 1, 1, {0, 0, 0, 0}, kS8, kU8, kS8, 5, -1, -3, true, false},
      {1, 33, 9, 1, 8, 9, 1, 1, 1, {0, 0, 0, 0}, kU8, kS8, kU8, 128, 0, 128, true, true},
  };
  for (const QConvCase& c : cases) ExpectEqualToRef(c, seed++);
}

TEST(Int8QLinearConv, GroupsPadsDilationBatchMatchRefExactly) {
  uint32_t seed = 200;
  const std::vector<QConvCase> cases = {
      {1, 10, 14, 2, 9, 11, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},     // groups 2
      {2, 12, 6, 2, 8, 9, 1, 1, 1, {0, 0, 0, 0}, kU8, kS8, kU8, 100, -1, 128, true, true},      // groups 2, 1x1, batch 2
      {1, 16, 32, 8, 10, 11, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},    // groups 8, 2 ch each
      {1, 16, 16, 4, 10, 11, 3, 2, 1, {1, 1, 1, 1}, kS8, kS8, kS8, 3, 0, 0, true, true},        // groups 4, s2
      {1, 8, 9, 1, 9, 10, 3, 1, 1, {0, 1, 2, 0}, kU8, kS8, kU8, 61, 0, 128, true, true},        // asymmetric pads
      {1, 8, 9, 1, 9, 10, 3, 2, 1, {1, 0, 0, 2}, kU8, kS8, kU8, 61, 0, 128, false, false},      // asymmetric, s2
      {1, 6, 7, 1, 12, 12, 3, 1, 2, {2, 2, 2, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},      // dilation 2
      {2, 3, 16, 1, 17, 19, 7, 2, 1, {3, 3, 3, 3}, kU8, kS8, kU8, 128, 0, 128, true, true},     // first layer
      {1, 64, 64, 1, 14, 14, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},    // ResNet-like
      {1, 16, 24, 1, 14, 14, 1, 2, 1, {0, 0, 0, 0}, kU8, kS8, kU8, 128, 0, 128, true, true},    // downsample 1x1 s2
  };
  for (const QConvCase& c : cases) ExpectEqualToRef(c, seed++);
}

// Depthwise (one channel per group) runs on native too (int8_depthwise_test.cpp).
TEST(Int8QLinearConv, DepthwiseRunsOnNative) {
  const QConvCase c{1, 16, 16, 16, 10, 11, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true};
  const NodeCase n = MakeQConv(c, 7);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : n.inputs) infos.push_back(&t);
  const InferContext ictx(n.node, 13, infos, n.known);
  EXPECT_TRUE(SupportsQLinearConv(ictx));
}

TEST(Int8QLinearConv, ThreadedMatchesRefExactly) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const QConvCase c{1, 64, 40, 1, 23, 21, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true};
  ExpectEqualToRef(c, 300, 2, pool->get());
}

TEST(Int8QLinearConv, LevelsFollowTheFp32Level) {
  CpuFeatures f;
  EXPECT_EQ(Int8IsaFor(Isa::kScalar, f), Int8Isa::kScalar);
  EXPECT_EQ(Int8IsaFor(Isa::kAvx2, f), Int8Isa::kAvx2);
  EXPECT_EQ(Int8IsaFor(Isa::kAvx512, f), Int8Isa::kAvx2);
  f.avx_vnni = true;
  EXPECT_EQ(Int8IsaFor(Isa::kAvx2, f), Int8Isa::kAvxVnni);
  EXPECT_EQ(Int8IsaFor(Isa::kAvx512, f), Int8Isa::kAvxVnni);
  f.avx512_vnni = true;
  EXPECT_EQ(Int8IsaFor(Isa::kAvx512, f), Int8Isa::kAvx512Vnni);
  EXPECT_EQ(Int8IsaFor(Isa::kAvx2, f), Int8Isa::kAvxVnni);
  f.avx_vnni = false;
  EXPECT_EQ(Int8IsaFor(Isa::kAvx2, f), Int8Isa::kAvx2);
  EXPECT_STREQ(Int8IsaName(Int8Isa::kAvx512Vnni), "avx512vnni");
  EXPECT_STREQ(Int8IsaName(Int8Isa::kAvxVnni), "avxvnni");
}

}  // namespace
}  // namespace edgebench::native::testing
