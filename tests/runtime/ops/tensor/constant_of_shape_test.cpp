// ConstantOfShape: default float 0, typed values, the scalar case, and a
// shape that arrives from a folded Shape node.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ConstantOfShapeTest, DefaultIsFloatZero) {
  OpTester t("ConstantOfShape", 9);
  t.Known(DType::kInt64, {2}, {2, 3}).Output(DType::kFloat32, {2, 3});
  ExpectTensor(t.Run(), DType::kFloat32, {2, 3}, std::vector<double>(6, 0.0));
}

TEST(ConstantOfShapeTest, TypedValues) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    OpTester t("ConstantOfShape", 9);
    t.Known(DType::kInt64, {1}, {3}).TensorAttr("value", dtype, {1}, {1}).Output(dtype, {3});
    ExpectTensor(t.Run(), dtype, {3}, {1, 1, 1});
  }
}

TEST(ConstantOfShapeTest, EmptyShapeGivesAScalar) {
  OpTester t("ConstantOfShape", 9);
  t.Known(DType::kInt64, {0}, {}).TensorAttr("value", DType::kInt64, {1}, {-5}).Output(DType::kInt64, {});
  ExpectTensor(t.Run(), DType::kInt64, {}, {-5});
}

TEST(ConstantOfShapeTest, Errors) {
  Status s = InferOp("ConstantOfShape", 9, {Info(DType::kInt64, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
  s = InferOp("ConstantOfShape", 9, {MakeTensor(DType::kInt64, {2}, {2, -1})});
  EXPECT_NE(s.message().find("negative dimension"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench::testing
