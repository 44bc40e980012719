// PRelu's unidirectional broadcasting: the slope broadcasts to X, not the
// other way round.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(PReluTest, PerChannelSlope) {
  OpTester t("PRelu", 9);
  t.Input(DType::kFloat32, {1, 2, 2, 1}, {-1, 2, -3, -4}).Input(DType::kFloat32, {2, 1, 1}, {0.5, 0.25});
  t.Output(DType::kFloat32, {1, 2, 2, 1});
  ExpectNear(t.Run(), {1, 2, 2, 1}, {-0.5, 2, -0.75, -1});
}

TEST(PReluTest, Int64) {
  OpTester t("PRelu", 16);
  t.Input(DType::kInt64, {3}, {-4, 0, 4}).Input(DType::kInt64, {1}, {3}).Output(DType::kInt64, {3});
  ExpectTensor(t.Run(), DType::kInt64, {3}, {-12, 0, 4});
}

TEST(PReluTest, SlopeLargerThanXIsAnError) {
  const Status s = InferOp("PRelu", 16, {Info(DType::kFloat32, {3}), Info(DType::kFloat32, {2, 3})});
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "unidirectional"));
}

}  // namespace
}  // namespace edgebench::testing
