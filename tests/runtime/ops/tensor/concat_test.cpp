// Concat on every data type, with empty inputs, and its errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ConcatTest, EveryDataTypeAlongTheLastAxis) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> a = SmallValues(dtype, 4);
    const std::vector<double> b = SmallValues(dtype, 2);
    OpTester t("Concat", 13);
    t.Input(dtype, {2, 2}, a).Input(dtype, {2, 0}, {}).Input(dtype, {2, 1}, b).Attr("axis", int64_t{-1});
    t.Output(dtype, {2, 3});
    ExpectTensor(t.Run(), dtype, {2, 3}, {a[0], a[1], b[0], a[2], a[3], b[1]});
  }
}

TEST(ConcatTest, ShapeArithmeticIsFolded) {
  // Concat of known int64 pieces (as in Shape -> Gather -> Concat chains) runs at creation.
  OpTester t("Concat", 11);
  t.Known(DType::kInt64, {1}, {-1}).Known(DType::kInt64, {2}, {3, 4}).Attr("axis", int64_t{0}).Output(DType::kInt64, {3});
  ExpectTensor(t.Run(), DType::kInt64, {3}, {-1, 3, 4});
  EXPECT_TRUE(t.session().node_reports()[0].folded);
}

TEST(ConcatTest, Errors) {
  Attributes attrs;
  attrs.Set("axis", IntAttribute(0));
  Status s = InferOp("Concat", 13, {Info(DType::kFloat32, {2, 2}), Info(DType::kFloat32, {2, 3})}, attrs);
  EXPECT_NE(s.message().find("does not match input 0"), std::string::npos) << s.message();
  s = InferOp("Concat", 13, {Info(DType::kFloat32, {2}), Info(DType::kInt64, {2})}, attrs);
  EXPECT_NE(s.message().find("is int64 but input 0 is float32"), std::string::npos) << s.message();
  s = InferOp("Concat", 13, {Info(DType::kFloat32, {2})});
  EXPECT_NE(s.message().find("'axis' is required"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench::testing
