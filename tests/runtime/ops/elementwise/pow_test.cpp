// Pow's mixed base and exponent types (opset 12+) and the opset 7 limits.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(PowTest, FloatBaseIntExponent) {
  OpTester t("Pow", 15);
  t.Input(DType::kFloat32, {4}, {2, -3, 0.5, 4}).Input(DType::kInt32, {4}, {3, 2, -1, 0}).Output(DType::kFloat32, {4});
  ExpectNear(t.Run(), {4}, {8, 9, 2, 1});
}

TEST(PowTest, IntBaseIntExponentIsExact) {
  OpTester t("Pow", 13);
  t.Input(DType::kInt64, {5}, {3, -2, 7, 2, -1}).Input(DType::kInt64, {5}, {39, 3, 0, -1, -3});
  t.Output(DType::kInt64, {5});
  // 3^39 exceeds a double's 53-bit mantissa; integer powering keeps it exact.
  ExpectTensor(t.Run(), DType::kInt64, {5}, {4052555153018976267.0, -8, 1, 0, -1});
}

TEST(PowTest, IntBaseFloatExponentTruncates) {
  OpTester t("Pow", 12);
  t.Input(DType::kInt32, {3}, {2, 9, 10}).Input(DType::kFloat32, {3}, {0.5, 0.5, -1}).Output(DType::kInt32, {3});
  ExpectTensor(t.Run(), DType::kInt32, {3}, {1, 3, 0});
}

TEST(PowTest, BroadcastsTheExponent) {
  OpTester t("Pow", 7);
  t.Input(DType::kFloat32, {2, 2}, {1, 2, 3, 4}).Input(DType::kFloat32, {}, {2}).Output(DType::kFloat32, {2, 2});
  ExpectNear(t.Run(), {2, 2}, {1, 4, 9, 16});
}

TEST(PowTest, IntegerExponentBeforeOpset12IsAnError) {
  const Status s = InferOp("Pow", 11, {Info(DType::kFloat32, {2}), Info(DType::kInt64, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
