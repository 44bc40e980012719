// MatMul's numpy semantics: 1-D promotion on either side, batch broadcasting,
// integer types, and shape errors.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(MatMulTest, OneDimensionalOperands) {
  {
    SCOPED_TRACE("[3] x [3, 2]");
    OpTester t("MatMul", 13);
    t.Input(DType::kFloat32, {3}, {1, 2, 3}).Input(DType::kFloat32, {3, 2}, {1, 2, 3, 4, 5, 6});
    t.Output(DType::kFloat32);
    ExpectNear(t.Run(), {2}, {22, 28});
  }
  {
    SCOPED_TRACE("[2, 3] x [3]");
    OpTester t("MatMul", 13);
    t.Input(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6}).Input(DType::kFloat32, {3}, {1, 0, -1});
    t.Output(DType::kFloat32);
    ExpectNear(t.Run(), {2}, {-2, -2});
  }
  {
    SCOPED_TRACE("[3] x [3]");
    OpTester t("MatMul", 9);
    t.Input(DType::kFloat32, {3}, {1, 2, 3}).Input(DType::kFloat32, {3}, {4, 5, 6});
    t.Output(DType::kFloat32);
    ExpectNear(t.Run(), {}, {32});
  }
  {
    SCOPED_TRACE("[2, 1, 3] x [3]");
    OpTester t("MatMul", 13);
    t.Input(DType::kFloat32, {2, 1, 3}, {1, 2, 3, 4, 5, 6}).Input(DType::kFloat32, {3}, {1, 1, 1});
    t.Output(DType::kFloat32);
    ExpectNear(t.Run(), {2, 1}, {6, 15});
  }
}

TEST(MatMulTest, BatchDimsBroadcast) {
  // [2, 1, 2, 3] x [3, 3, 4] -> [2, 3, 2, 4]: A repeats over B's batch of 3,
  // B over A's batch of 2.
  const std::vector<double> a = RandomValues(2 * 2 * 3, 4), b = RandomValues(3 * 3 * 4, 5);
  std::vector<double> expected;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) {
      for (int m = 0; m < 2; ++m) {
        for (int n = 0; n < 4; ++n) {
          double acc = 0.0;
          for (int k = 0; k < 3; ++k) acc += a[(i * 2 + m) * 3 + k] * b[(j * 3 + k) * 4 + n];
          expected.push_back(acc);
        }
      }
    }
  }
  OpTester t("MatMul", 13);
  t.Input(DType::kFloat32, {2, 1, 2, 3}, a).Input(DType::kFloat32, {3, 3, 4}, b).Output(DType::kFloat32);
  ExpectNear(t.Run(), {2, 3, 2, 4}, expected);
}

TEST(MatMulTest, IntegerTypes) {
  for (DType dtype : {DType::kInt32, DType::kInt64}) {
    SCOPED_TRACE(DTypeName(dtype));
    OpTester t("MatMul", 13);
    t.Input(dtype, {2, 2}, {1, 2, 3, 4}).Input(dtype, {2, 2}, {5, 6, 7, -8}).Output(dtype);
    ExpectTensor(t.Run(), dtype, {2, 2}, {19, -10, 43, -14});
  }
}

TEST(MatMulTest, ShapeErrors) {
  Status s = InferOp("MatMul", 13, {Info(DType::kFloat32, {2, 3}), Info(DType::kFloat32, {2, 3})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  s = InferOp("MatMul", 13, {Info(DType::kFloat32, {2, 2, 3}), Info(DType::kFloat32, {3, 3, 1})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  s = InferOp("MatMul", 13, {Info(DType::kFloat32, {}), Info(DType::kFloat32, {3})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
