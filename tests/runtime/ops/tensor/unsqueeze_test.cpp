// Unsqueeze: axes attribute before opset 13 (negative from 11), input from
// 13; axes index the output; errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(UnsqueezeTest, AttributeBeforeOpset13) {
  OpTester t("Unsqueeze", 11);
  t.Input(DType::kInt8, {2, 3}, Iota(6)).Ints("axes", {-1, 0}).Output(DType::kInt8, {1, 2, 3, 1});
  ExpectTensor(t.Run(), DType::kInt8, {1, 2, 3, 1}, Iota(6));
}

TEST(UnsqueezeTest, InputFromOpset13) {
  // The Shape -> Gather -> Unsqueeze -> Concat pattern: a scalar becomes [1].
  OpTester t("Unsqueeze", 13);
  t.Input(DType::kInt64, {}, {7}).Known(DType::kInt64, {1}, {0}).Output(DType::kInt64, {1});
  ExpectTensor(t.Run(), DType::kInt64, {1}, {7});
}

TEST(UnsqueezeTest, Errors) {
  Attributes attrs;
  attrs.Set("axes", IntsAttribute({0, 0}));
  Status s = InferOp("Unsqueeze", 11, {Info(DType::kFloat32, {3})}, attrs);
  EXPECT_NE(s.message().find("listed twice"), std::string::npos) << s.message();
  attrs.Set("axes", IntsAttribute({2}));
  s = InferOp("Unsqueeze", 11, {Info(DType::kFloat32, {3})}, attrs);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  s = InferOp("Unsqueeze", 11, {Info(DType::kFloat32, {3})});
  EXPECT_NE(s.message().find("'axes' is required"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench::testing
