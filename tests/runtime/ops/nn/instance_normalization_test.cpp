// InstanceNormalization (not covered by conformance here: its ONNX tests are
// opset 6): per-plane statistics over 1-D and 3-D spatial dims, and errors.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

std::vector<double> Reference(const std::vector<double>& x, int64_t channels, int64_t plane,
                              const std::vector<double>& scale, const std::vector<double>& bias, float epsilon) {
  std::vector<double> y;
  const int64_t planes = static_cast<int64_t>(x.size()) / plane;
  for (int64_t p = 0; p < planes; ++p) {
    double sum = 0, squares = 0;
    for (int64_t i = 0; i < plane; ++i) sum += x[p * plane + i];
    const double mean = sum / plane;
    for (int64_t i = 0; i < plane; ++i) squares += (x[p * plane + i] - mean) * (x[p * plane + i] - mean);
    const double inv = 1.0 / std::sqrt(squares / plane + epsilon);
    for (int64_t i = 0; i < plane; ++i) {
      y.push_back(static_cast<float>((x[p * plane + i] - mean) * inv * scale[p % channels] + bias[p % channels]));
    }
  }
  return y;
}

TEST(InstanceNormalizationTest, NormalizesEachPlane) {
  const std::vector<double> scale = {0.5f, 2.0f, -1.0f}, bias = {1, 0, -2};
  const std::vector<double> x1 = RandomValues(2 * 3 * 5, 21);
  OpTester t1("InstanceNormalization", 7);
  t1.Input(DType::kFloat32, {2, 3, 5}, x1)
      .Known(DType::kFloat32, {3}, scale)
      .Known(DType::kFloat32, {3}, bias)
      .Output(DType::kFloat32);
  ExpectNear(t1.Run(), {2, 3, 5}, Reference(x1, 3, 5, scale, bias, 1e-5f));

  const std::vector<double> x3 = RandomValues(3 * 2 * 3 * 4, 22);
  OpTester t3("InstanceNormalization", 7);
  t3.Input(DType::kFloat32, {1, 3, 2, 3, 4}, x3)
      .Known(DType::kFloat32, {3}, scale)
      .Known(DType::kFloat32, {3}, bias)
      .Attr("epsilon", 0.1f)
      .Output(DType::kFloat32);
  ExpectNear(t3.Run(), {1, 3, 2, 3, 4}, Reference(x3, 3, 24, scale, bias, 0.1f));
}

TEST(InstanceNormalizationTest, RejectsMismatchedParameters) {
  const Tensor x = Info(DType::kFloat32, {1, 3, 4, 4});
  const Tensor p = Info(DType::kFloat32, {3});
  EXPECT_TRUE(InferOp("InstanceNormalization", 7, {x, p, p}).ok());
  EXPECT_EQ(InferOp("InstanceNormalization", 7, {x, p, Info(DType::kFloat32, {4})}).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("InstanceNormalization", 7, {Info(DType::kFloat32, {1, 3}), p, p}).code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench::testing
