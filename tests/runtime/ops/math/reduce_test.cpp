// ReduceSum, ReduceMean, ReduceMax and ReduceMin beyond the ONNX node tests:
// axes as attribute (all opsets for Mean/Max/Min, before 13 for Sum) or as
// ReduceSum's input, noop_with_empty_axes, integer types, and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

// x = 0..23 as [2, 3, 4].
const Shape kShape = {2, 3, 4};

TEST(ReduceTest, SumAxesAttributeBeforeOpset13) {
  OpTester t("ReduceSum", 11);
  t.Input(DType::kFloat32, kShape, Iota(24)).Ints("axes", {0, -1}).Attr("keepdims", int64_t{0});
  t.Output(DType::kFloat32);
  ExpectNear(t.Run(), {3}, {60, 92, 124});
}

TEST(ReduceTest, SumAxesInputFromOpset13) {
  OpTester t("ReduceSum", 13);
  t.Input(DType::kFloat32, kShape, Iota(24)).Known(DType::kInt64, {1}, {1}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {2, 1, 4}, {12, 15, 18, 21, 48, 51, 54, 57});
}

TEST(ReduceTest, NoAxesReducesEverythingUnlessNoop) {
  {
    SCOPED_TRACE("no axes input");
    OpTester t("ReduceSum", 13);
    t.Input(DType::kFloat32, kShape, Iota(24)).Attr("keepdims", int64_t{0}).Output(DType::kFloat32);
    ExpectNear(t.Run(), {}, {276});
  }
  {
    SCOPED_TRACE("empty axes input");
    OpTester t("ReduceSum", 13);
    t.Input(DType::kFloat32, kShape, Iota(24)).Known(DType::kInt64, {0}, {}).Output(DType::kFloat32);
    ExpectNear(t.Run(), {1, 1, 1}, {276});
  }
  {
    SCOPED_TRACE("noop_with_empty_axes");
    OpTester t("ReduceSum", 13);
    t.Input(DType::kFloat32, kShape, Iota(24)).Attr("noop_with_empty_axes", int64_t{1}).Output(DType::kFloat32);
    ExpectNear(t.Run(), kShape, Iota(24));
  }
}

TEST(ReduceTest, IntegerTypes) {
  for (DType dtype : {DType::kInt32, DType::kInt64}) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> x = {-3, 7, 2, 5, -1, 4};
    {
      OpTester t("ReduceSum", 13);
      t.Input(dtype, {2, 3}, x).Known(DType::kInt64, {1}, {1}).Output(dtype);
      ExpectTensor(t.Run(), dtype, {2, 1}, {6, 8});
    }
    {
      // Integer mean truncates toward zero, as integer division does.
      OpTester t("ReduceMean", 13);
      t.Input(dtype, {2, 3}, x).Ints("axes", {0}).Attr("keepdims", int64_t{0}).Output(dtype);
      ExpectTensor(t.Run(), dtype, {3}, {1, 3, 3});
    }
  }
  for (DType dtype : {DType::kInt32, DType::kInt64, DType::kInt8, DType::kUInt8}) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> x = {3, 7, 2, 5, 1, 4};
    OpTester max("ReduceMax", 13);
    max.Input(dtype, {2, 3}, x).Ints("axes", {1}).Output(dtype);
    ExpectTensor(max.Run(), dtype, {2, 1}, {7, 5});
    OpTester min("ReduceMin", 13);
    min.Input(dtype, {2, 3}, x).Attr("keepdims", int64_t{0}).Output(dtype);
    ExpectTensor(min.Run(), dtype, {}, {1});
  }
}

TEST(ReduceTest, MeanMaxMinOverMiddleAxes) {
  const std::vector<double> x = RandomValues(2 * 3 * 4 * 5, 7);
  std::vector<double> mean(2 * 5, 0.0), max(2 * 5, -1e30), min(2 * 5, 1e30);
  for (int a = 0; a < 2; ++a) {
    for (int b = 0; b < 3; ++b) {
      for (int c = 0; c < 4; ++c) {
        for (int d = 0; d < 5; ++d) {
          const double v = x[((a * 3 + b) * 4 + c) * 5 + d];
          mean[a * 5 + d] += v / 12.0;
          max[a * 5 + d] = std::max(max[a * 5 + d], v);
          min[a * 5 + d] = std::min(min[a * 5 + d], v);
        }
      }
    }
  }
  const std::pair<const char*, std::vector<double>*> cases[] = {
      {"ReduceMean", &mean}, {"ReduceMax", &max}, {"ReduceMin", &min}};
  for (const auto& [op, expected] : cases) {
    SCOPED_TRACE(op);
    OpTester t(op, 11);
    t.Input(DType::kFloat32, {2, 3, 4, 5}, x).Ints("axes", {2, 1}).Output(DType::kFloat32);
    ExpectNear(t.Run(), {2, 1, 1, 5}, *expected);
  }
}

TEST(ReduceTest, Errors) {
  // Axes input not known at creation: the output shape would depend on data.
  Status s = InferOp("ReduceSum", 13, {Info(DType::kFloat32, kShape), Info(DType::kInt64, {1})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
  Attributes repeated;
  repeated.Set("axes", IntsAttribute({1, -2}));
  s = InferOp("ReduceMean", 13, {Info(DType::kFloat32, kShape)}, repeated);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  Attributes out_of_range;
  out_of_range.Set("axes", IntsAttribute({3}));
  s = InferOp("ReduceMax", 13, {Info(DType::kFloat32, kShape)}, out_of_range);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
