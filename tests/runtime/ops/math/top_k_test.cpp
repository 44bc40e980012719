// TopK beyond the ONNX node tests: k as an attribute before opset 10, ties
// resolved to the lower index in both orders, integer types, and errors.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(TopKTest, AttributeKBeforeOpset10) {
  OpTester t("TopK", 9);
  t.Input(DType::kFloat32, {2, 4}, {1, 4, 2, 3, 8, 5, 7, 6}).Attr("k", int64_t{2});
  t.Output(DType::kFloat32).Output(DType::kInt64);
  ExpectNear(t.Run(0), {2, 2}, {4, 3, 8, 7});
  ExpectTensor(t.Run(1), DType::kInt64, {2, 2}, {1, 3, 0, 2});
}

TEST(TopKTest, TiesKeepTheLowerIndexFirst) {
  const std::vector<double> x = {1, 3, 3, 2, 3, 1};
  {
    OpTester t("TopK", 11);
    t.Input(DType::kFloat32, {6}, x).Known(DType::kInt64, {1}, {4}).Output(DType::kFloat32).Output(DType::kInt64);
    ExpectNear(t.Run(0), {4}, {3, 3, 3, 2});
    ExpectTensor(t.Run(1), DType::kInt64, {4}, {1, 2, 4, 3});
  }
  {
    OpTester t("TopK", 11);
    t.Input(DType::kFloat32, {6}, x).Known(DType::kInt64, {1}, {3}).Attr("largest", int64_t{0});
    t.Output(DType::kFloat32).Output(DType::kInt64);
    ExpectNear(t.Run(0), {3}, {1, 1, 2});
    ExpectTensor(t.Run(1), DType::kInt64, {3}, {0, 5, 3});
  }
}

TEST(TopKTest, IntegerTypesAlongAMiddleAxis) {
  for (DType dtype : {DType::kInt32, DType::kInt64}) {
    SCOPED_TRACE(DTypeName(dtype));
    // [2, 3, 2]; top 2 along axis 1.
    OpTester t("TopK", 11);
    t.Input(dtype, {2, 3, 2}, {5, 0, 1, 9, 7, 4, -2, 3, 8, 3, 6, 1}).Known(DType::kInt64, {1}, {2});
    t.Attr("axis", int64_t{1}).Output(dtype).Output(DType::kInt64);
    ExpectTensor(t.Run(0), dtype, {2, 2, 2}, {7, 9, 5, 4, 8, 3, 6, 3});
    ExpectTensor(t.Run(1), DType::kInt64, {2, 2, 2}, {2, 1, 0, 2, 1, 0, 2, 1});
  }
}

TEST(TopKTest, Errors) {
  // k larger than the axis.
  Status s = InferOp("TopK", 11, {Info(DType::kFloat32, {4}), MakeTensor(DType::kInt64, {1}, {5})}, {}, 2);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // k not known at creation.
  s = InferOp("TopK", 11, {Info(DType::kFloat32, {4}), Info(DType::kInt64, {1})}, {}, 2);
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
