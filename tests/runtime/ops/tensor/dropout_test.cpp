// Dropout at inference across its forms: ratio attribute (opset < 12) or
// input (12+); the mask is of the data type before opset 10, bool after, and
// keeps everything; training mode only with ratio 0.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(DropoutTest, Opset7MaskHasTheDataType) {
  OpTester t("Dropout", 7);
  t.Input(DType::kFloat32, {3}, {1, -2, 3}).Attr("ratio", 0.3f).Output(DType::kFloat32, {3}).Output(DType::kFloat32, {3});
  ExpectTensor(t.Run(0), DType::kFloat32, {3}, {1, -2, 3});
  ExpectTensor(t.Run(1), DType::kFloat32, {3}, {1, 1, 1});
}

TEST(DropoutTest, Opset10MaskIsBool) {
  OpTester t("Dropout", 10);
  t.Input(DType::kFloat32, {2}, {4, 5}).Output(DType::kFloat32, {2}).Output(DType::kBool, {2});
  ExpectTensor(t.Run(0), DType::kFloat32, {2}, {4, 5});
  ExpectTensor(t.Run(1), DType::kBool, {2}, {1, 1});
}

TEST(DropoutTest, Opset12InferenceModeIgnoresTheRatio) {
  OpTester t("Dropout", 12);
  t.Input(DType::kFloat32, {2}, {4, 5}).Input(DType::kFloat32, {}, {0.5}).Known(DType::kBool, {}, {0});
  t.Output(DType::kFloat32, {2}).Output(DType::kBool, {2});
  ExpectTensor(t.Run(0), DType::kFloat32, {2}, {4, 5});
  ExpectTensor(t.Run(1), DType::kBool, {2}, {1, 1});
}

TEST(DropoutTest, TrainingWithZeroRatioIsTheIdentity) {
  OpTester t("Dropout", 13);
  t.Input(DType::kFloat32, {2}, {4, 5}).Known(DType::kFloat32, {}, {0}).Known(DType::kBool, {}, {1});
  t.Output(DType::kFloat32, {2});
  ExpectTensor(t.Run(), DType::kFloat32, {2}, {4, 5});
}

TEST(DropoutTest, RandomTrainingIsUnsupported) {
  const Tensor yes = MakeTensor(DType::kBool, {}, {1});
  Status s = InferOp("Dropout", 13, {Info(DType::kFloat32, {2}), MakeTensor(DType::kFloat32, {}, {0.5}), yes});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
  s = InferOp("Dropout", 13, {Info(DType::kFloat32, {2}), Info(DType::kFloat32, {}), yes});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

TEST(DropoutTest, TrainingModeDecidedAtRunIsCheckedThere) {
  OpTester t("Dropout", 13);
  t.Input(DType::kFloat32, {2}, {4, 5}).Input(DType::kFloat32, {}, {0.5}).Input(DType::kBool, {}, {1});
  t.Output(DType::kFloat32, {2});
  EXPECT_EQ(t.TryRun().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench::testing
