// Equal, Less and Greater on the integer and bool types real models compare,
// with broadcasting; the output is bool.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ComparisonTest, EqualInt64Broadcast) {
  OpTester t("Equal", 11);
  t.Input(DType::kInt64, {2, 3}, {1, 2, 3, 3, 2, 1}).Input(DType::kInt64, {3}, {1, 2, 1});
  t.Output(DType::kBool, {2, 3});
  ExpectTensor(t.Run(), DType::kBool, {2, 3}, {1, 1, 0, 0, 1, 1});
}

TEST(ComparisonTest, EqualBool) {
  // Not {1, 1, 0, 0}: GCC 12.2 with AVX-512 miscompiles a std::vector<double>
  // built from that literal into {1, 1, 1, 1} (a V4DF {c, c, 0, 0} constant
  // becomes a full-width broadcast).
  OpTester t("Equal", 7);
  t.Input(DType::kBool, {5}, {1, 0, 1, 0, 1}).Input(DType::kBool, {5}, {1, 1, 0, 0, 1}).Output(DType::kBool, {5});
  ExpectTensor(t.Run(), DType::kBool, {5}, {1, 0, 0, 1, 1});
}

TEST(ComparisonTest, LessAndGreaterInt32) {
  OpTester less("Less", 9);
  less.Input(DType::kInt32, {3}, {-1, 0, 1}).Input(DType::kInt32, {}, {0}).Output(DType::kBool, {3});
  ExpectTensor(less.Run(), DType::kBool, {3}, {1, 0, 0});
  OpTester greater("Greater", 13);
  greater.Input(DType::kInt32, {}, {0}).Input(DType::kInt32, {3}, {-1, 0, 1}).Output(DType::kBool, {3});
  ExpectTensor(greater.Run(), DType::kBool, {3}, {1, 0, 0});
}

TEST(ComparisonTest, WhereNeedsBoolCondition) {
  const Status s = InferOp("Where", 16,
                           {Info(DType::kFloat32, {2}), Info(DType::kFloat32, {2}), Info(DType::kFloat32, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
