// Add, Sub, Mul, Div on the integer types real models use for shape
// arithmetic; conformance covers float32 and uint8 only.
#include <gtest/gtest.h>

#include <limits>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ArithmeticTest, IntegerDivTruncatesTowardZero) {
  OpTester t("Div", 14);
  t.Input(DType::kInt64, {6}, {7, -7, 7, -7, 5, 9}).Input(DType::kInt64, {6}, {2, 2, -2, -2, 0, 3});
  t.Output(DType::kInt64, {6});
  // Division by zero is undefined in ONNX; the ref kernel gives 0, not a trap.
  ExpectTensor(t.Run(), DType::kInt64, {6}, {3, -3, -3, 3, 0, 3});
}

TEST(ArithmeticTest, Int32DivLowestByMinusOneDoesNotTrap) {
  const double lowest = std::numeric_limits<int32_t>::lowest();
  OpTester t("Div", 14);
  t.Input(DType::kInt32, {2}, {lowest, -9}).Input(DType::kInt32, {}, {-1}).Output(DType::kInt32, {2});
  ExpectTensor(t.Run(), DType::kInt32, {2}, {lowest, 9});
}

TEST(ArithmeticTest, ShapeArithmeticOnInt64) {
  // Typical exported pattern: shape[0] * shape[1] and shape - 1.
  OpTester mul("Mul", 13);
  mul.Input(DType::kInt64, {2}, {3, 4}).Input(DType::kInt64, {1}, {5}).Output(DType::kInt64, {2});
  ExpectTensor(mul.Run(), DType::kInt64, {2}, {15, 20});
  OpTester sub("Sub", 13);
  sub.Input(DType::kInt64, {3}, {1, 224, 224}).Input(DType::kInt64, {}, {1}).Output(DType::kInt64, {3});
  ExpectTensor(sub.Run(), DType::kInt64, {3}, {0, 223, 223});
}

TEST(ArithmeticTest, Int32AddBroadcastsAndWraps) {
  const double max = std::numeric_limits<int32_t>::max();
  OpTester t("Add", 14);
  t.Input(DType::kInt32, {2, 2}, {1, 2, 3, max}).Input(DType::kInt32, {2}, {10, 1}).Output(DType::kInt32, {2, 2});
  ExpectTensor(t.Run(), DType::kInt32, {2, 2}, {11, 3, 13, std::numeric_limits<int32_t>::lowest()});
}

TEST(ArithmeticTest, Int8Mul) {
  OpTester t("Mul", 14);
  t.Input(DType::kInt8, {3}, {-3, 4, 100}).Input(DType::kInt8, {3}, {5, -6, 2}).Output(DType::kInt8, {3});
  ExpectTensor(t.Run(), DType::kInt8, {3}, {-15, -24, -56});  // 200 wraps to -56
}

TEST(ArithmeticTest, FloatDivByZeroIsInfinity) {
  OpTester t("Div", 7);
  t.Input(DType::kFloat32, {2}, {1, -1}).Input(DType::kFloat32, {1}, {0}).Output(DType::kFloat32, {2});
  const Tensor y = t.Run();
  EXPECT_EQ(y.data<float>()[0], std::numeric_limits<float>::infinity());
  EXPECT_EQ(y.data<float>()[1], -std::numeric_limits<float>::infinity());
}

}  // namespace
}  // namespace edgebench::testing
