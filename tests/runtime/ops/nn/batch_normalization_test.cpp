// BatchNormalization beyond the conformance tests: opset 7's spatial=0
// (statistics per activation), the per-channel forms of opsets 7 to 15,
// training mode refused as unsupported, and shape errors.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

float Normalize(float x, float scale, float bias, float mean, float var, float epsilon) {
  return (x - mean) / std::sqrt(var + epsilon) * scale + bias;
}

TEST(BatchNormalizationTest, PerChannelAcrossOpsets) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};  // [2, 2, 3]
  const std::vector<double> scale = {2, 0.5f}, bias = {1, -1}, mean = {3, 8}, var = {4, 0.25f};
  std::vector<double> expected;
  for (int n = 0; n < 2; ++n) {
    for (int c = 0; c < 2; ++c) {
      for (int i = 0; i < 3; ++i) {
        expected.push_back(Normalize(x[(n * 2 + c) * 3 + i], scale[c], bias[c], mean[c], var[c], 1e-3f));
      }
    }
  }
  for (const int64_t opset : {7, 9, 14, 15}) {
    OpTester t("BatchNormalization", opset);
    t.Input(DType::kFloat32, {2, 2, 3}, x)
        .Known(DType::kFloat32, {2}, scale)
        .Known(DType::kFloat32, {2}, bias)
        .Known(DType::kFloat32, {2}, mean)
        .Known(DType::kFloat32, {2}, var);
    t.Attr("epsilon", 1e-3f).Output(DType::kFloat32);
    ExpectNear(t.Run(), {2, 2, 3}, expected);
  }
}

TEST(BatchNormalizationTest, Opset7NonSpatialHasStatisticsPerActivation) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8};  // [2, 2, 2]
  const std::vector<double> scale = {1, 2, 3, 4}, bias = {0, 1, 2, 3}, mean = {1, 1, 2, 2}, var = {1, 4, 9, 16};
  std::vector<double> expected;
  for (int n = 0; n < 2; ++n) {
    for (int a = 0; a < 4; ++a) expected.push_back(Normalize(x[n * 4 + a], scale[a], bias[a], mean[a], var[a], 1e-5f));
  }
  OpTester t("BatchNormalization", 7);
  t.Input(DType::kFloat32, {2, 2, 2}, x)
      .Known(DType::kFloat32, {2, 2}, scale)
      .Known(DType::kFloat32, {2, 2}, bias)
      .Known(DType::kFloat32, {2, 2}, mean)
      .Known(DType::kFloat32, {2, 2}, var);
  t.Attr("spatial", int64_t{0}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {2, 2, 2}, expected);
}

TEST(BatchNormalizationTest, TrainingIsUnsupported) {
  const Tensor x = Info(DType::kFloat32, {2, 3, 4});
  const Tensor p = Info(DType::kFloat32, {3});
  Attributes training;
  training.Set("training_mode", IntAttribute(1));
  EXPECT_EQ(InferOp("BatchNormalization", 15, {x, p, p, p, p}, training, 3).code(), ErrorCode::kUnsupported);
  // Before opset 14, asking for the running statistics means training.
  EXPECT_EQ(InferOp("BatchNormalization", 9, {x, p, p, p, p}, {}, 5).code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(InferOp("BatchNormalization", 9, {x, p, p, p, p}, {}, 1).ok());
}

TEST(BatchNormalizationTest, RejectsMismatchedParameters) {
  const Tensor x = Info(DType::kFloat32, {2, 3, 4});
  const Tensor p = Info(DType::kFloat32, {3});
  const Tensor wrong = Info(DType::kFloat32, {4});
  EXPECT_EQ(InferOp("BatchNormalization", 15, {x, p, wrong, p, p}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("BatchNormalization", 15, {x, p, p, p}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("BatchNormalization", 15, {Info(DType::kFloat32, {3}), p, p, p, p}).code(),
            ErrorCode::kInvalidArgument);
  // spatial=0 needs parameters shaped like an activation, spatial is ignored from opset 9.
  Attributes non_spatial;
  non_spatial.Set("spatial", IntAttribute(0));
  EXPECT_EQ(InferOp("BatchNormalization", 7, {x, p, p, p, p}, non_spatial).code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(InferOp("BatchNormalization", 9, {x, p, p, p, p}, non_spatial).ok());
}

}  // namespace
}  // namespace edgebench::testing
