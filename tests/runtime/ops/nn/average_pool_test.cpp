// AveragePool beyond the conformance tests: a shape grid (1-D to 3-D,
// strides, asymmetric pads, ceil_mode, auto_pad, count_include_pad on and
// off, including ceil-mode windows that reach past the end pad) against a
// direct reference, opset 7's form, and errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/op_tester.h"
#include "tests/runtime/ops/nn/pool_reference.h"

namespace edgebench::testing {
namespace {

class AveragePoolGridTest : public ::testing::TestWithParam<PoolCase> {};

TEST_P(AveragePoolGridTest, MatchesDirectReference) {
  const PoolCase& c = GetParam();
  const std::vector<double> x = RandomValues(NumElements(c.x), 8);
  OpTester t("AveragePool", 11);
  t.Input(DType::kFloat32, c.x, x).Ints("kernel_shape", c.kernel);
  if (!c.strides.empty()) t.Ints("strides", c.strides);
  if (!c.pads.empty()) t.Ints("pads", c.pads);
  if (!c.auto_pad.empty()) t.Attr("auto_pad", c.auto_pad);
  if (c.ceil_mode) t.Attr("ceil_mode", int64_t{1});
  if (c.count_include_pad) t.Attr("count_include_pad", int64_t{1});
  t.Output(DType::kFloat32);
  ExpectNear(t.Run(), PoolOutputShape(c), NaivePool(PoolKind::kAverage, c, x), 1e-5);
}

std::vector<PoolCase> AveragePoolCases() {
  std::vector<PoolCase> cases;
  for (const bool include_pad : {false, true}) {
    const std::string suffix = include_pad ? "_count_pad" : "";
    cases.push_back({"pool1d_pads" + suffix, {2, 3, 9}, {3}, {2}, {}, {1, 2}, "", false, include_pad});
    cases.push_back({"pool1d_ceil_past_end_pad" + suffix, {1, 1, 4}, {2}, {2}, {}, {1, 0}, "", true, include_pad});
    cases.push_back({"pool2d_ceil" + suffix, {2, 2, 7, 8}, {3, 2}, {2, 3}, {}, {1, 0, 2, 1}, "", true, include_pad});
    cases.push_back(
        {"pool2d_same_lower" + suffix, {1, 2, 6, 7}, {3, 3}, {2, 2}, {}, {}, "SAME_LOWER", false, include_pad});
    cases.push_back(
        {"pool3d" + suffix, {1, 2, 5, 4, 5}, {2, 3, 2}, {1, 2, 2}, {}, {1, 1, 0, 0, 1, 1}, "", false, include_pad});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Grid, AveragePoolGridTest, ::testing::ValuesIn(AveragePoolCases()),
                         [](const ::testing::TestParamInfo<PoolCase>& param_info) { return param_info.param.name; });

TEST(AveragePoolTest, CeilWindowPastTheEndPadIsNotCounted) {
  // in 4, kernel 2, stride 2, pads (1, 0), ceil: windows [-1, 0], [1, 2], [3, 4];
  // position 4 lies beyond the end pad, so the last divisor is 1 either way.
  OpTester t("AveragePool", 11);
  t.Input(DType::kFloat32, {1, 1, 4}, {1, 2, 3, 4}).Ints("kernel_shape", {2}).Ints("strides", {2}).Ints("pads", {1, 0});
  t.Attr("ceil_mode", int64_t{1}).Attr("count_include_pad", int64_t{1}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {1, 1, 3}, {0.5f, 2.5f, 4.0f});
}

TEST(AveragePoolTest, Opset7HasNoCeilMode) {
  OpTester t("AveragePool", 7);
  t.Input(DType::kFloat32, {1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .Ints("kernel_shape", {2, 2})
      .Output(DType::kFloat32);
  ExpectNear(t.Run(), {1, 1, 2, 2}, {3, 4, 6, 7});
}

TEST(AveragePoolTest, RejectsBadAttributes) {
  const Tensor x = Info(DType::kFloat32, {1, 1, 4, 4});
  Attributes bad;
  bad.Set("kernel_shape", IntsAttribute({2, 2}));
  bad.Set("count_include_pad", IntAttribute(3));
  EXPECT_EQ(InferOp("AveragePool", 11, {x}, bad).code(), ErrorCode::kInvalidArgument);
  Attributes ok;
  ok.Set("kernel_shape", IntsAttribute({2, 2}));
  EXPECT_EQ(InferOp("AveragePool", 11, {Info(DType::kUInt8, {1, 1, 4, 4})}, ok).code(), ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace edgebench::testing
