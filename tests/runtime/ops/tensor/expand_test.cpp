// Expand: two-way broadcasting (a 1 in 'shape' keeps the input dim), higher
// output rank, every data type, and errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ExpandTest, EveryDataTypeToHigherRank) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> d = SmallValues(dtype, 2);
    OpTester t("Expand", 13);
    t.Input(dtype, {2, 1}, d).Known(DType::kInt64, {3}, {2, 1, 3}).Output(dtype, {2, 2, 3});
    std::vector<double> expected;
    for (int rep = 0; rep < 2; ++rep) {
      for (double v : d) expected.insert(expected.end(), 3, v);
    }
    ExpectTensor(t.Run(), dtype, {2, 2, 3}, expected);
  }
}

TEST(ExpandTest, OneInShapeKeepsTheInputDim) {
  OpTester t("Expand", 8);
  t.Input(DType::kInt32, {3}, {1, 2, 3}).Known(DType::kInt64, {2}, {2, 1}).Output(DType::kInt32, {2, 3});
  ExpectTensor(t.Run(), DType::kInt32, {2, 3}, {1, 2, 3, 1, 2, 3});
}

TEST(ExpandTest, Errors) {
  Status s = InferOp("Expand", 13, {Info(DType::kFloat32, {3}), MakeTensor(DType::kInt64, {1}, {2})});
  EXPECT_NE(s.message().find("cannot be broadcast"), std::string::npos) << s.message();
  s = InferOp("Expand", 13, {Info(DType::kFloat32, {3}), Info(DType::kInt64, {1})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
