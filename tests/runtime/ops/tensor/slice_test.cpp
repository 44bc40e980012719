// Slice beyond the conformance tests: the attribute form before opset 10,
// negative steps with clamping, int32 index inputs, every data type, and
// starts that are not known at creation.
#include <gtest/gtest.h>

#include <limits>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

constexpr double kInt64Max = 9.2e18;  // beyond any dim; clamps like INT64_MAX

TEST(SliceTest, AttributesBeforeOpset10) {
  OpTester t("Slice", 9);
  t.Input(DType::kFloat32, {2, 4}, Iota(8)).Ints("starts", {1, -3}).Ints("ends", {1000, -1}).Ints("axes", {0, 1});
  t.Output(DType::kFloat32, {1, 2});
  ExpectTensor(t.Run(), DType::kFloat32, {1, 2}, {5, 6});
}

TEST(SliceTest, AttributesWithoutAxesCoverLeadingDims) {
  OpTester t("Slice", 7);
  t.Input(DType::kInt64, {3, 2}, Iota(6)).Ints("starts", {1}).Ints("ends", {3}).Output(DType::kInt64, {2, 2});
  ExpectTensor(t.Run(), DType::kInt64, {2, 2}, {2, 3, 4, 5});
}

TEST(SliceTest, NegativeStepReversesWithClamping) {
  // starts 100 clamps to dim-1; ends -100 + dim clamps to -1: the whole axis reversed.
  OpTester t("Slice", 13);
  t.Input(DType::kInt8, {5}, Iota(5)).Known(DType::kInt64, {1}, {100}).Known(DType::kInt64, {1}, {-100});
  t.Known(DType::kInt64, {1}, {0}).Known(DType::kInt64, {1}, {-2}).Output(DType::kInt8, {3});
  ExpectTensor(t.Run(), DType::kInt8, {3}, {4, 2, 0});
}

TEST(SliceTest, Int32InputsAndStepAcrossTwoAxes) {
  OpTester t("Slice", 11);
  t.Input(DType::kUInt8, {3, 4}, Iota(12)).Known(DType::kInt32, {2}, {0, -1}).Known(DType::kInt32, {2}, {3, 0});
  t.Known(DType::kInt32, {2}, {0, 1}).Known(DType::kInt32, {2}, {2, -2}).Output(DType::kUInt8, {2, 2});
  ExpectTensor(t.Run(), DType::kUInt8, {2, 2}, {3, 1, 11, 9});
}

TEST(SliceTest, EndPastTheDimAndEmptyResults) {
  OpTester t("Slice", 13);
  t.Input(DType::kBool, {4}, {1, 0, 1, 1}).Known(DType::kInt64, {1}, {2}).Known(DType::kInt64, {1}, {kInt64Max});
  t.Output(DType::kBool, {2});
  ExpectTensor(t.Run(), DType::kBool, {2}, {1, 1});

  OpTester empty("Slice", 13);
  empty.Input(DType::kFloat32, {4}, Iota(4)).Known(DType::kInt64, {1}, {3}).Known(DType::kInt64, {1}, {1});
  empty.Output(DType::kFloat32, {0});
  ExpectTensor(empty.Run(), DType::kFloat32, {0}, {});
}

TEST(SliceTest, EveryDataType) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> data = SmallValues(dtype, 6);
    OpTester t("Slice", 13);
    t.Input(dtype, {2, 3}, data).Known(DType::kInt64, {1}, {-1}).Known(DType::kInt64, {1}, {-4});
    t.Known(DType::kInt64, {1}, {1}).Known(DType::kInt64, {1}, {-2}).Output(dtype, {2, 2});
    ExpectTensor(t.Run(), dtype, {2, 2}, {data[2], data[0], data[5], data[3]});
  }
}

TEST(SliceTest, StartsUnknownAtCreationIsUnsupported) {
  const Status s = InferOp("Slice", 13,
                           {Info(DType::kFloat32, {4}), Info(DType::kInt64, {1}), MakeTensor(DType::kInt64, {1}, {2})});
  EXPECT_TRUE(IsError(s, ErrorCode::kUnsupported, "'starts' must be known at session creation"));
}

TEST(SliceTest, StartsArrivingAtRunFailCreation) {
  // The same refusal through the loader and Session, with starts a graph input.
  OpTester t("Slice", 13);
  t.Input(DType::kFloat32, {4}, Iota(4)).Input(DType::kInt64, {1}, {0}).Known(DType::kInt64, {1}, {2});
  t.Output(DType::kFloat32, {2});
  EXPECT_TRUE(IsError(t.Create(), ErrorCode::kUnsupported, "'starts' must be known at session creation"));
}

TEST(SliceTest, ZeroStepAndRepeatedAxisAreErrors) {
  const Tensor one = MakeTensor(DType::kInt64, {1}, {1});
  const Tensor zero = MakeTensor(DType::kInt64, {1}, {0});
  Status s = InferOp("Slice", 13, {Info(DType::kFloat32, {4}), zero, one, zero, zero});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  const Tensor pair = MakeTensor(DType::kInt64, {2}, {0, 0});
  const Tensor axes = MakeTensor(DType::kInt64, {2}, {0, -2});
  s = InferOp("Slice", 13, {Info(DType::kFloat32, {4, 4}), pair, MakeTensor(DType::kInt64, {2}, {1, 1}), axes});
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "appears twice"));
}

}  // namespace
}  // namespace edgebench::testing
