// Squeeze: axes attribute before opset 13, input from 13, all size-1 dims
// when absent; errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(SqueezeTest, AttributeBeforeOpset13) {
  OpTester t("Squeeze", 11);
  t.Input(DType::kInt32, {1, 3, 1}, {4, 5, 6}).Ints("axes", {-1}).Output(DType::kInt32, {1, 3});
  ExpectTensor(t.Run(), DType::kInt32, {1, 3}, {4, 5, 6});
}

TEST(SqueezeTest, InputFromOpset13) {
  OpTester t("Squeeze", 13);
  t.Input(DType::kBool, {1, 2, 1}, {1, 0}).Known(DType::kInt64, {2}, {2, 0}).Output(DType::kBool, {2});
  ExpectTensor(t.Run(), DType::kBool, {2}, {1, 0});
}

TEST(SqueezeTest, AllSizeOneDimsWhenAbsent) {
  for (int64_t opset : {7, 13}) {
    SCOPED_TRACE(opset);
    OpTester t("Squeeze", opset);
    t.Input(DType::kUInt8, {1, 2, 1, 1}, {7, 8}).Output(DType::kUInt8, {2});
    ExpectTensor(t.Run(), DType::kUInt8, {2}, {7, 8});
  }
}

TEST(SqueezeTest, NonUnitAxisIsAnError) {
  Attributes attrs;
  attrs.Set("axes", IntsAttribute({1}));
  const Status s = InferOp("Squeeze", 11, {Info(DType::kFloat32, {1, 3})}, attrs);
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "cannot squeeze axis 1 of size 3"));
}

TEST(SqueezeTest, AxesUnknownAtCreationIsUnsupported) {
  const Status s = InferOp("Squeeze", 13, {Info(DType::kFloat32, {1, 3}), Info(DType::kInt64, {1})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
