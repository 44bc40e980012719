// LayerNormalization beyond the conformance tests: the optional Mean and
// InvStdDev outputs, Scale and B broadcast over the normalized shape, a
// missing B, and errors (axis, stash_type, shapes).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tests/runtime/ops/nn/nn_op_tester.h"

namespace edgebench::testing::nn_ops {
namespace {

TEST(LayerNormalizationTest, MeanAndInvStdDevOutputsWithBroadcastScale) {
  // X [2, 2, 3] normalized over axis 1 (6 values per row); Scale [1, 3] and B [3]
  // broadcast over the normalized shape [2, 3].
  const std::vector<float> x = RandomValues(12, 11);
  const std::vector<float> scale = {1.5f, -2.0f, 0.5f};
  const std::vector<float> bias = {0.25f, 0.0f, -1.0f};
  const float epsilon = 1e-2f;
  std::vector<float> y, mean, inv_std;
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
  NnOpTester t("LayerNormalization", 17);
  t.Input({2, 2, 3}, x).Known({1, 3}, scale).Known({3}, bias).Attr("axis", int64_t{1}).Attr("epsilon", epsilon);
  t.Output(3).Output(3).Output(3);
  ExpectFloats(t.Run(0), {2, 2, 3}, y);
  ExpectFloats(t.Run(1), {2, 1, 1}, mean);
  ExpectFloats(t.Run(2), {2, 1, 1}, inv_std);
}

TEST(LayerNormalizationTest, WithoutBiasAndWithSkippedMean) {
  NnOpTester t("LayerNormalization", 17);
  t.Input({1, 4}, {1, 2, 3, 4}).Known({4}, {1, 1, 1, 1}).Attr("epsilon", 0.0f).Output(2).NoOutput().Output(2);
  const float inv = 1.0f / std::sqrt(1.25f);
  ExpectFloats(t.Run(0), {1, 4}, {-1.5f * inv, -0.5f * inv, 0.5f * inv, 1.5f * inv});
  ExpectFloats(t.Run(1), {1, 1}, {inv});
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
}  // namespace edgebench::testing::nn_ops
