// MaxPool beyond the conformance tests: a shape grid (1-D to 3-D, strides,
// dilations, asymmetric pads, ceil_mode including the dropped last window,
// auto_pad) against a direct reference, the Indices output in both storage
// orders over several planes, int8, opset 8's form, and errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/op_tester.h"
#include "tests/runtime/ops/nn/pool_reference.h"

namespace edgebench::testing {
namespace {

void AddPoolAttributes(const PoolCase& c, OpTester* t) {
  t->Ints("kernel_shape", c.kernel);
  if (!c.strides.empty()) t->Ints("strides", c.strides);
  if (!c.dilations.empty()) t->Ints("dilations", c.dilations);
  if (!c.pads.empty()) t->Ints("pads", c.pads);
  if (!c.auto_pad.empty()) t->Attr("auto_pad", c.auto_pad);
  if (c.ceil_mode) t->Attr("ceil_mode", int64_t{1});
}

class MaxPoolGridTest : public ::testing::TestWithParam<PoolCase> {};

TEST_P(MaxPoolGridTest, MatchesDirectReference) {
  const PoolCase& c = GetParam();
  const std::vector<double> x = RandomValues(NumElements(c.x), 7);
  for (const bool column_major : {false, true}) {
    OpTester t("MaxPool", 12);
    t.Input(DType::kFloat32, c.x, x);
    AddPoolAttributes(c, &t);
    if (column_major) t.Attr("storage_order", int64_t{1});
    t.Output(DType::kFloat32).Output(DType::kInt64);

    std::vector<int64_t> indices;
    const std::vector<double> expected = NaivePool(PoolKind::kMax, c, x, &indices, column_major);
    const Shape y_shape = PoolOutputShape(c);
    ExpectNear(t.Run(0), y_shape, expected, 0.0);
    const Tensor actual_indices = t.Run(1);
    ASSERT_EQ(actual_indices.dtype(), DType::kInt64);
    ASSERT_EQ(actual_indices.shape(), y_shape);
    EXPECT_EQ(Elements<int64_t>(actual_indices), indices) << (column_major ? "column-major" : "row-major");
  }
}

std::vector<PoolCase> MaxPoolCases() {
  return {
      {"pool1d_pads", {2, 3, 9}, {3}, {2}, {}, {1, 1}, "", false, false},
      {"pool2d_everything_ceil", {2, 2, 7, 8}, {3, 2}, {2, 1}, {2, 1}, {1, 0, 2, 1}, "", true, false},
      {"pool2d_ceil_drops_window_in_end_pad", {1, 2, 3, 5}, {1, 2}, {2, 2}, {}, {0, 0, 1, 0}, "", true, false},
      {"pool2d_same_lower", {1, 2, 6, 7}, {3, 3}, {2, 2}, {}, {}, "SAME_LOWER", false, false},
      {"pool2d_same_upper_even_kernel", {1, 1, 5, 6}, {2, 4}, {2, 3}, {}, {}, "SAME_UPPER", false, false},
      {"pool2d_valid", {1, 3, 8, 9}, {2, 3}, {3, 2}, {}, {}, "VALID", false, false},
      {"pool3d_dilated", {1, 2, 5, 6, 5}, {2, 2, 3}, {1, 2, 2}, {2, 1, 1}, {1, 0, 0, 0, 1, 1}, "", false, false},
  };
}

INSTANTIATE_TEST_SUITE_P(Grid, MaxPoolGridTest, ::testing::ValuesIn(MaxPoolCases()),
                         [](const ::testing::TestParamInfo<PoolCase>& param_info) { return param_info.param.name; });

TEST(MaxPoolTest, Int8WithPaddingNeverPicksThePad) {
  // All values negative: a pad counted as 0 would win.
  OpTester t("MaxPool", 12);
  t.Input(DType::kInt8, {1, 1, 2, 3}, {-5, -3, -128, -7, -100, -2});
  t.Ints("kernel_shape", {2, 2}).Ints("pads", {1, 1, 1, 1}).Output(DType::kInt8);
  ExpectTensor(t.Run(), DType::kInt8, {1, 1, 3, 4}, {-5, -3, -3, -128, -5, -3, -2, -2, -7, -7, -2, -2});
}

TEST(MaxPoolTest, Uint8WithStridesAndIndices) {
  // Values at both ends of the range; the Indices output is typed apart from Y.
  OpTester t("MaxPool", 12);
  t.Input(DType::kUInt8, {1, 1, 3, 4}, {0, 255, 3, 4, 9, 1, 0, 254, 7, 7, 200, 0});
  t.Ints("kernel_shape", {2, 2}).Ints("strides", {1, 2}).Output(DType::kUInt8).Output(DType::kInt64);
  ExpectTensor(t.Run(0), DType::kUInt8, {1, 1, 2, 2}, {255, 254, 9, 254});
  ExpectTensor(t.Run(1), DType::kInt64, {1, 1, 2, 2}, {1, 7, 4, 7});
}

TEST(MaxPoolTest, Opset8IndicesWithoutCeilModeOrDilations) {
  OpTester t("MaxPool", 8);
  t.Input(DType::kFloat32, {1, 1, 2, 2}, {1, 4, 3, 2})
      .Ints("kernel_shape", {2, 2})
      .Output(DType::kFloat32)
      .Output(DType::kInt64);
  ExpectNear(t.Run(0), {1, 1, 1, 1}, {4});
  EXPECT_EQ(t.Run(1).data<int64_t>()[0], 1);
}

TEST(MaxPoolTest, RejectsBadAttributes) {
  const Tensor x = Info(DType::kFloat32, {1, 1, 4, 4});
  Attributes no_kernel;
  EXPECT_EQ(InferOp("MaxPool", 12, {x}, no_kernel).code(), ErrorCode::kInvalidArgument);
  Attributes storage_order;
  storage_order.Set("kernel_shape", IntsAttribute({2, 2}));
  storage_order.Set("storage_order", IntAttribute(2));
  EXPECT_EQ(InferOp("MaxPool", 12, {x}, storage_order).code(), ErrorCode::kInvalidArgument);
  Attributes too_big;
  too_big.Set("kernel_shape", IntsAttribute({5, 2}));
  EXPECT_EQ(InferOp("MaxPool", 12, {x}, too_big).code(), ErrorCode::kInvalidArgument);
  Attributes ok;
  ok.Set("kernel_shape", IntsAttribute({2, 2}));
  EXPECT_EQ(InferOp("MaxPool", 12, {Info(DType::kFloat32, {1, 4})}, ok).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("MaxPool", 12, {Info(DType::kInt64, {1, 1, 4, 4})}, ok).code(), ErrorCode::kUnsupported);
}

TEST(MaxPoolTest, CostIsOutputsTimesWindow) {
  OpTester t("MaxPool", 12);
  t.Input(DType::kFloat32, {1, 2, 6, 6}, RandomValues(72, 1))
      .Ints("kernel_shape", {3, 3})
      .Ints("strides", {3, 3})
      .Output(DType::kFloat32);
  ASSERT_TRUE(t.Create().ok());
  EXPECT_EQ(t.session().node_reports()[0].cost.flops, 2 * 2 * 2 * 9);
}

}  // namespace
}  // namespace edgebench::testing
