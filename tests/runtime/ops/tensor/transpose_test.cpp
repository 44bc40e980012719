// Transpose on every data type, rank 1 and 4, and bad permutations.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(TransposeTest, EveryDataTypeDefaultReverses) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> d = SmallValues(dtype, 6);
    OpTester t("Transpose", 13);
    t.Input(dtype, {2, 3}, d).Output(dtype, {3, 2});
    ExpectTensor(t.Run(), dtype, {3, 2}, {d[0], d[3], d[1], d[4], d[2], d[5]});
  }
}

TEST(TransposeTest, NchwToNhwc) {
  OpTester t("Transpose", 7);
  t.Input(DType::kFloat32, {1, 2, 2, 2}, Iota(8)).Ints("perm", {0, 2, 3, 1}).Output(DType::kFloat32, {1, 2, 2, 2});
  ExpectTensor(t.Run(), DType::kFloat32, {1, 2, 2, 2}, {0, 4, 1, 5, 2, 6, 3, 7});
}

TEST(TransposeTest, BadPermIsAnError) {
  Attributes attrs;
  attrs.Set("perm", IntsAttribute({0, 0}));
  Status s = InferOp("Transpose", 13, {Info(DType::kFloat32, {2, 3})}, attrs);
  EXPECT_NE(s.message().find("not a permutation"), std::string::npos) << s.message();
  attrs.Set("perm", IntsAttribute({0}));
  s = InferOp("Transpose", 13, {Info(DType::kFloat32, {2, 3})}, attrs);
  EXPECT_NE(s.message().find("one entry per input dim"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench::testing
