// LayerNormalization beyond the conformance tests: the optional Mean and
// InvStdDev outputs, Scale and B broadcast over the normalized shape, a
// missing B, and errors (axis, stash_type, shapes).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(LayerNormalizationTest, MeanAndInvStdDevOutputsWithBroadcastScale) {
  // X [2, 2, 3] normalized over axis 1 (6 values per row); Scale [1, 3] and B [3]
  // broadcast over the normalized shape [2, 3].
  const std::vector<double> x = RandomValues(12, 11);
  const std::vector<double> scale = {1.5f, -2.0f, 0.5f};
  const std::vector<double> bias = {0.25f, 0.0f, -1.0f};
  const float epsilon = 1e-2f;
  std::vector<double> y, mean, inv_std;
  for (int row = 0; row < 2; ++row) {
    double sum = 0, squares = 0;
    for (int j = 0; j < 6; ++j) sum += x[row * 6 + j];
    const double m = sum / 6;
    for (int j = 0; j < 6; ++j) squares += (x[row * 6 + j] - m) * (x[row * 6 + j] - m);
    const double inv = 1.0 / std::sqrt(squares / 6 + epsilon);
    mean.push_back(static_cast<float>(m));
    inv_std.push_back(static_cast<float>(inv));
    for (int j = 0; j < 6; ++j)
      y.push_back(static_cast<float>((x[row * 6 + j] - m) * inv * scale[j % 3] + bias[j % 3]));
  }
  OpTester t("LayerNormalization", 17);
  t.Input(DType::kFloat32, {2, 2, 3}, x)
      .Known(DType::kFloat32, {1, 3}, scale)
      .Known(DType::kFloat32, {3}, bias)
      .Attr("axis", int64_t{1})
      .Attr("epsilon", epsilon);
  t.Output(DType::kFloat32).Output(DType::kFloat32).Output(DType::kFloat32);
  ExpectNear(t.Run(0), {2, 2, 3}, y);
  ExpectNear(t.Run(1), {2, 1, 1}, mean);
  ExpectNear(t.Run(2), {2, 1, 1}, inv_std);
}

TEST(LayerNormalizationTest, WithoutBiasAndWithSkippedMean) {
  OpTester t("LayerNormalization", 17);
  t.Input(DType::kFloat32, {1, 4}, {1, 2, 3, 4})
      .Known(DType::kFloat32, {4}, {1, 1, 1, 1})
      .Attr("epsilon", 0.0f)
      .Output(DType::kFloat32)
      .NoOutput()
      .Output(DType::kFloat32);
  const float inv = 1.0f / std::sqrt(1.25f);
  ExpectNear(t.Run(0), {1, 4}, {-1.5f * inv, -0.5f * inv, 0.5f * inv, 1.5f * inv});
  ExpectNear(t.Run(1), {1, 1}, {inv});
}

TEST(LayerNormalizationTest, RejectsBadAttributesAndShapes) {
  const Tensor x = Info(DType::kFloat32, {2, 3, 4});
  const Tensor scale = Info(DType::kFloat32, {4});
  EXPECT_TRUE(InferOp("LayerNormalization", 17, {x, scale}).ok());
  Attributes axis;
  axis.Set("axis", IntAttribute(3));
  EXPECT_EQ(InferOp("LayerNormalization", 17, {x, scale}, axis).code(), ErrorCode::kInvalidArgument);
  Attributes stash;
  stash.Set("stash_type", IntAttribute(11));
  EXPECT_EQ(InferOp("LayerNormalization", 17, {x, scale}, stash).code(), ErrorCode::kUnsupported);
  // Scale must broadcast to X.shape[axis:] = [4].
  EXPECT_EQ(InferOp("LayerNormalization", 17, {x, Info(DType::kFloat32, {3})}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("LayerNormalization", 17, {x, Info(DType::kFloat32, {3, 4})}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("LayerNormalization", 17, {x, scale, Info(DType::kFloat32, {2})}).code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench::testing
