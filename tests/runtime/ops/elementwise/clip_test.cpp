// Clip's two forms: min/max attributes (opset < 11) and optional scalar inputs
// (opset >= 11), with integer types from opset 12.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ClipTest, AttributesBeforeOpset11) {
  OpTester t("Clip", 10);
  t.Input(DType::kFloat32, {5}, {-3, -1, 0, 1, 8}).Attr("min", -1.5f).Attr("max", 6.0f).Output(DType::kFloat32, {5});
  ExpectNear(t.Run(), {5}, {-1.5, -1, 0, 1, 6});
}

TEST(ClipTest, AttributeDefaultsLeaveValuesAlone) {
  OpTester t("Clip", 7);
  t.Input(DType::kFloat32, {3}, {-1e30, 0, 1e30}).Attr("max", 0.5f).Output(DType::kFloat32, {3});
  ExpectNear(t.Run(), {3}, {-1e30, 0, 0.5});
}

TEST(ClipTest, InputsFromOpset11WithMinSkipped) {
  OpTester t("Clip", 11);
  t.Input(DType::kFloat32, {4}, {-10, 0, 5, 10}).NoInput().Input(DType::kFloat32, {}, {6});
  t.Output(DType::kFloat32, {4});
  ExpectNear(t.Run(), {4}, {-10, 0, 5, 6});
}

TEST(ClipTest, Int64FromOpset12) {
  OpTester t("Clip", 12);
  t.Input(DType::kInt64, {4}, {-10, 0, 5, 10}).Input(DType::kInt64, {}, {-2}).Input(DType::kInt64, {}, {7});
  t.Output(DType::kInt64, {4});
  ExpectTensor(t.Run(), DType::kInt64, {4}, {-2, 0, 5, 7});
}

TEST(ClipTest, MinAboveMaxGivesMax) {
  OpTester t("Clip", 13);
  t.Input(DType::kFloat32, {3}, {-1, 2, 9}).Input(DType::kFloat32, {}, {5}).Input(DType::kFloat32, {}, {3});
  t.Output(DType::kFloat32, {3});
  ExpectNear(t.Run(), {3}, {3, 3, 3});
}

TEST(ClipTest, NonScalarBoundIsAnError) {
  const Status s = InferOp("Clip", 13, {Info(DType::kFloat32, {4}), Info(DType::kFloat32, {2})});
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "min must be a scalar"));
}

TEST(ClipTest, IntegerBeforeOpset12IsUnsupported) {
  const Status s = InferOp("Clip", 11, {Info(DType::kInt32, {4})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
