// Softmax and LogSoftmax: opset < 13 normalizes over the input coerced to 2-D
// at `axis` (default 1), opset 13 over the single dim `axis` (default -1).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

// Softmax of x viewed as [outer, n, inner] along the middle dim.
std::vector<double> ReferenceSoftmax(const std::vector<double>& x, int64_t outer, int64_t n, int64_t inner,
                                     bool log) {
  std::vector<double> y(x.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      double sum = 0.0;
      for (int64_t j = 0; j < n; ++j) sum += std::exp(x[(o * n + j) * inner + i]);
      for (int64_t j = 0; j < n; ++j) {
        const double v = x[(o * n + j) * inner + i];
        y[(o * n + j) * inner + i] = log ? v - std::log(sum) : std::exp(v) / sum;
      }
    }
  }
  return y;
}

TEST(SoftmaxTest, OpsetDecidesCoercionAndDefaultAxis) {
  const Shape shape = {2, 3, 4};
  const std::vector<double> x = RandomValues(24, 6);
  struct Case {
    int64_t opset;
    bool has_axis;
    int64_t axis;
    int64_t outer, n, inner;
  };
  const Case cases[] = {
      {11, false, 0, 2, 12, 1},  // default axis 1: rows of 3 * 4
      {11, true, 2, 6, 4, 1},    // axis 2: rows of 4
      {11, true, 0, 1, 24, 1},   // axis 0: one row
      {13, false, 0, 6, 4, 1},   // default axis -1
      {13, true, 1, 2, 3, 4},    // axis 1 alone
      {13, true, -3, 1, 2, 12},  // axis 0 alone
  };
  for (const char* op : {"Softmax", "LogSoftmax"}) {
    const bool log = std::string(op) == "LogSoftmax";
    for (const Case& c : cases) {
      SCOPED_TRACE(std::string(op) + " opset " + std::to_string(c.opset) + " axis " +
                   (c.has_axis ? std::to_string(c.axis) : "default"));
      OpTester t(op, c.opset);
      t.Input(DType::kFloat32, shape, x).Output(DType::kFloat32);
      if (c.has_axis) t.Attr("axis", c.axis);
      ExpectNear(t.Run(), shape, ReferenceSoftmax(x, c.outer, c.n, c.inner, log));
    }
  }
}

TEST(SoftmaxTest, LargeInputsStayFinite) {
  OpTester t("Softmax", 13);
  t.Input(DType::kFloat32, {3}, {1000, 1001, 1002}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {3}, ReferenceSoftmax({0, 1, 2}, 1, 3, 1, false));
}

TEST(SoftmaxTest, AxisOutOfRange) {
  Attributes attrs;
  attrs.Set("axis", IntAttribute(3));
  const Status s = InferOp("Softmax", 13, {Info(DType::kFloat32, {2, 3, 4})}, attrs);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
