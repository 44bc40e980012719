// GlobalAveragePool and GlobalMaxPool (their ONNX tests are opset 1, outside
// the conformance range): 1-D and 3-D spatial dims, several planes, and the
// cost of one operation per input element.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(GlobalPoolTest, AverageAndMaxPerPlane) {
  const std::vector<double> x = RandomValues(2 * 3 * 2 * 2 * 3, 31);  // [2, 3, 2, 2, 3]: 6 planes of 12
  std::vector<double> average, maximum;
  for (int p = 0; p < 6; ++p) {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += x[p * 12 + i];
    average.push_back(static_cast<float>(sum / 12));
    maximum.push_back(*std::max_element(x.begin() + p * 12, x.begin() + (p + 1) * 12));
  }
  OpTester avg("GlobalAveragePool", 7);
  avg.Input(DType::kFloat32, {2, 3, 2, 2, 3}, x).Output(DType::kFloat32);
  ExpectNear(avg.Run(), {2, 3, 1, 1, 1}, average);
  OpTester max("GlobalMaxPool", 7);
  max.Input(DType::kFloat32, {2, 3, 2, 2, 3}, x).Output(DType::kFloat32);
  ExpectNear(max.Run(), {2, 3, 1, 1, 1}, maximum, 0.0);
  EXPECT_EQ(max.session().node_reports()[0].cost.flops, 72);
}

TEST(GlobalPoolTest, OneDimensional) {
  OpTester t("GlobalMaxPool", 7);
  t.Input(DType::kFloat32, {1, 2, 3}, {-3, -1, -2, 5, 4, 6}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {1, 2, 1}, {-1, 6}, 0.0);
}

TEST(GlobalPoolTest, RejectsRankBelowThreeAndOtherTypes) {
  EXPECT_EQ(InferOp("GlobalAveragePool", 7, {Info(DType::kFloat32, {2, 3})}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InferOp("GlobalMaxPool", 7, {Info(DType::kInt32, {2, 3, 4})}).code(), ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace edgebench::testing
