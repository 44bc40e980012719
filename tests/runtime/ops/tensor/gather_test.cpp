// Gather beyond the conformance tests: every movable data type, int32 and
// negative indices, scalar indices, and index validation.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(GatherTest, EveryDataTypeWithNegativeInt32Indices) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> data = SmallValues(dtype, 6);  // [3, 2]
    OpTester t("Gather", 13);
    t.Input(dtype, {3, 2}, data).Input(DType::kInt32, {2}, {-1, 0}).Output(dtype, {2, 2});
    ExpectTensor(t.Run(), dtype, {2, 2}, {data[4], data[5], data[0], data[1]});
  }
}

TEST(GatherTest, Axis1WithInt64IndexMatrix) {
  OpTester t("Gather", 11);
  t.Input(DType::kFloat32, {2, 3}, Iota(6)).Input(DType::kInt64, {2, 2}, {2, 0, -2, 2}).Attr("axis", int64_t{1});
  t.Output(DType::kFloat32, {2, 2, 2});
  ExpectTensor(t.Run(), DType::kFloat32, {2, 2, 2}, {2, 0, 1, 2, 5, 3, 4, 5});
}

TEST(GatherTest, ScalarIndexDropsTheAxis) {
  // Shape -> Gather(scalar) is how exported models pick one dim.
  OpTester t("Gather", 13);
  t.Input(DType::kInt64, {4}, {1, 3, 224, 224}).Known(DType::kInt64, {}, {-3}).Output(DType::kInt64, {});
  ExpectTensor(t.Run(), DType::kInt64, {}, {3});
}

TEST(GatherTest, KnownOutOfRangeIndexIsAnError) {
  const Tensor indices = MakeTensor(DType::kInt64, {1}, {3});
  const Status s = InferOp("Gather", 13, {Info(DType::kFloat32, {3, 2}), indices});
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "index 3 is out of range"));
}

TEST(GatherTest, OutOfRangeInitializerIndexFailsCreation) {
  OpTester t("Gather", 13);
  t.Input(DType::kFloat32, {3, 2}, Iota(6)).Known(DType::kInt64, {1}, {3}).Output(DType::kFloat32, {1, 2});
  EXPECT_TRUE(IsError(t.Create(), ErrorCode::kInvalidArgument, "index 3 is out of range"));
}

TEST(GatherTest, OutOfRangeIndexAtRunIsAnError) {
  OpTester t("Gather", 13);
  t.Input(DType::kFloat32, {3}, {1, 2, 3}).Input(DType::kInt64, {1}, {-4}).Output(DType::kFloat32, {1});
  EXPECT_EQ(t.TryRun().code(), ErrorCode::kInvalidArgument);
}

TEST(GatherTest, FloatIndicesAreAnError) {
  const Status s = InferOp("Gather", 13, {Info(DType::kFloat32, {3}), Info(DType::kFloat32, {1})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
