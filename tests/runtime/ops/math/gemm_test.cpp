// Gemm's forms beyond the ONNX node tests: C required before opset 11 and
// optional after, both transposes with a broadcast C, and shape errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

// alpha * op(A) op(B) + beta * C with C broadcast from [c_rows, c_cols].
std::vector<double> ReferenceGemm(const std::vector<double>& a, const std::vector<double>& b,
                                  const std::vector<double>& c, int64_t m, int64_t n, int64_t k, bool trans_a,
                                  bool trans_b, double alpha, double beta, int64_t c_rows, int64_t c_cols) {
  std::vector<double> y(static_cast<size_t>(m * n));
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double acc = 0.0;
      for (int64_t p = 0; p < k; ++p) {
        acc += (trans_a ? a[p * m + i] : a[i * k + p]) * (trans_b ? b[j * k + p] : b[p * n + j]);
      }
      const double bias = c.empty() ? 0.0 : c[(c_rows == 1 ? 0 : i) * c_cols + (c_cols == 1 ? 0 : j)];
      y[i * n + j] = alpha * acc + beta * bias;
    }
  }
  return y;
}

TEST(GemmTest, TransposesWithBroadcastBias) {
  const int64_t m = 3, n = 5, k = 4;
  const std::vector<double> a = RandomValues(m * k, 1), b = RandomValues(k * n, 2);
  struct BiasCase {
    Shape shape;
    int64_t rows, cols;
  };
  for (const BiasCase& bias : {BiasCase{{n}, 1, n}, BiasCase{{m, 1}, m, 1}, BiasCase{{1, 1}, 1, 1},
                               BiasCase{{}, 1, 1}, BiasCase{{m, n}, m, n}}) {
    for (int trans = 0; trans < 4; ++trans) {
      const bool trans_a = trans & 1, trans_b = trans & 2;
      SCOPED_TRACE(ShapeToString(bias.shape) + " transA=" + std::to_string(trans_a) +
                   " transB=" + std::to_string(trans_b));
      const std::vector<double> c = RandomValues(bias.rows * bias.cols, 3);
      OpTester t("Gemm", 13);
      t.Input(DType::kFloat32, trans_a ? Shape{k, m} : Shape{m, k}, a);
      t.Input(DType::kFloat32, trans_b ? Shape{n, k} : Shape{k, n}, b);
      t.Input(DType::kFloat32, bias.shape, c);
      t.Attr("transA", int64_t{trans_a}).Attr("transB", int64_t{trans_b});
      t.Attr("alpha", 0.5f).Attr("beta", -2.0f).Output(DType::kFloat32);
      ExpectNear(t.Run(), {m, n}, ReferenceGemm(a, b, c, m, n, k, trans_a, trans_b, 0.5, -2.0, bias.rows, bias.cols));
    }
  }
}

TEST(GemmTest, BiasIsOptionalFromOpset11) {
  OpTester t("Gemm", 11);
  t.Input(DType::kFloat32, {2, 2}, {1, 2, 3, 4}).Input(DType::kFloat32, {2, 2}, {5, 6, 7, 8});
  t.Output(DType::kFloat32);
  ExpectNear(t.Run(), {2, 2}, {19, 22, 43, 50});
}

TEST(GemmTest, BiasIsRequiredBeforeOpset11) {
  const Status s = InferOp("Gemm", 9, {Info(DType::kFloat32, {2, 2}), Info(DType::kFloat32, {2, 2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

TEST(GemmTest, Opset7WithBias) {
  OpTester t("Gemm", 7);
  t.Input(DType::kFloat32, {1, 2}, {1, 2}).Input(DType::kFloat32, {2, 1}, {3, 4}).Input(DType::kFloat32, {1}, {10});
  t.Output(DType::kFloat32);
  ExpectNear(t.Run(), {1, 1}, {21});
}

TEST(GemmTest, ShapeErrors) {
  // Inner dims differ.
  Status s = InferOp("Gemm", 13, {Info(DType::kFloat32, {2, 3}), Info(DType::kFloat32, {2, 2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // C does not broadcast to [2, 2].
  s = InferOp("Gemm", 13,
              {Info(DType::kFloat32, {2, 3}), Info(DType::kFloat32, {3, 2}), Info(DType::kFloat32, {3})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // A is not 2-D.
  s = InferOp("Gemm", 13, {Info(DType::kFloat32, {2, 3, 1}), Info(DType::kFloat32, {3, 2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // Integer Gemm is outside what ref implements.
  s = InferOp("Gemm", 13, {Info(DType::kInt32, {2, 3}), Info(DType::kInt32, {3, 2})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
