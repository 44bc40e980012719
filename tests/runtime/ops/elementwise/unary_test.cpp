// Unary ops whose conformance models use opsets below 7 (Elu, HardSigmoid,
// Softplus, Not) and the integer forms of Relu, Neg and Abs.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

Tensor RunUnaryOp(OpTester& t, DType dtype, const std::vector<double>& x) {
  const Shape shape = {static_cast<int64_t>(x.size())};
  t.Input(dtype, shape, x).Output(dtype, shape);
  return t.Run();
}

TEST(UnaryTest, Elu) {
  OpTester t("Elu", 7);
  t.Attr("alpha", 2.0f);
  ExpectNear(RunUnaryOp(t, DType::kFloat32, {-1, 0, 3}), {3}, {2 * (std::exp(-1.0) - 1), 0, 3});
  OpTester defaults("Elu", 13);
  ExpectNear(RunUnaryOp(defaults, DType::kFloat32, {-2}), {1}, {std::exp(-2.0) - 1});
}

TEST(UnaryTest, HardSigmoid) {
  OpTester t("HardSigmoid", 13);
  ExpectNear(RunUnaryOp(t, DType::kFloat32, {-3, -1, 0, 1, 3}), {5}, {0, 0.3, 0.5, 0.7, 1});
  OpTester custom("HardSigmoid", 7);
  custom.Attr("alpha", 0.5f).Attr("beta", 0.25f);
  ExpectNear(RunUnaryOp(custom, DType::kFloat32, {1, -1}), {2}, {0.75, 0});
}

TEST(UnaryTest, HardSwish) {
  OpTester t("HardSwish", 14);
  ExpectNear(RunUnaryOp(t, DType::kFloat32, {-4, -1.5, 0, 1.5, 4}), {5},
               {0, -1.5 * 0.25, 0, 1.5 * 0.75, 4});
}

TEST(UnaryTest, SoftplusIsStableForLargeInputs) {
  OpTester t("Softplus", 13);
  ExpectNear(RunUnaryOp(t, DType::kFloat32, {-100, -1, 0, 1, 100}), {5},
               {std::log1p(std::exp(-100.0)), std::log1p(std::exp(-1.0)), std::log(2.0), 1 + std::log1p(std::exp(-1.0)),
                100});
}

TEST(UnaryTest, LeakyReluDefaultAlpha) {
  OpTester t("LeakyRelu", 16);
  ExpectNear(RunUnaryOp(t, DType::kFloat32, {-10, 2}), {2}, {-0.1, 2});
}

TEST(UnaryTest, SigmoidTanhErfSqrtExpLogReciprocal) {
  const std::vector<double> x = {0.25, 1, 3};
  struct Case {
    const char* op;
    double (*fn)(double);
  };
  const Case cases[] = {{"Sigmoid", [](double v) { return 1 / (1 + std::exp(-v)); }},
                        {"Tanh", [](double v) { return std::tanh(v); }},
                        {"Erf", [](double v) { return std::erf(v); }},
                        {"Sqrt", [](double v) { return std::sqrt(v); }},
                        {"Exp", [](double v) { return std::exp(v); }},
                        {"Log", [](double v) { return std::log(v); }},
                        {"Reciprocal", [](double v) { return 1 / v; }}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op);
    OpTester t(c.op, 13);
    ExpectNear(RunUnaryOp(t, DType::kFloat32, x), {3}, {c.fn(x[0]), c.fn(x[1]), c.fn(x[2])});
  }
}

TEST(UnaryTest, ReluOnIntegers) {
  OpTester t("Relu", 14);
  ExpectTensor(RunUnaryOp(t, DType::kInt32, {-5, 0, 7}), DType::kInt32, {3}, {0, 0, 7});
  OpTester int8("Relu", 14);
  ExpectTensor(RunUnaryOp(int8, DType::kInt8, {-128, 127}), DType::kInt8, {2}, {0, 127});
}

TEST(UnaryTest, NegAndAbsOnIntegers) {
  OpTester neg("Neg", 13);
  ExpectTensor(RunUnaryOp(neg, DType::kInt64, {-5, 0, 7}), DType::kInt64, {3}, {5, 0, -7});
  OpTester abs("Abs", 13);
  ExpectTensor(RunUnaryOp(abs, DType::kInt8, {-128, -5, 3}), DType::kInt8, {3}, {-128, 5, 3});  // -(-128) wraps
  OpTester abs_u8("Abs", 13);
  ExpectTensor(RunUnaryOp(abs_u8, DType::kUInt8, {0, 200}), DType::kUInt8, {2}, {0, 200});
}

TEST(UnaryTest, Not) {
  OpTester t("Not", 13);
  ExpectTensor(RunUnaryOp(t, DType::kBool, {1, 0, 1}), DType::kBool, {3}, {0, 1, 0});
}

TEST(UnaryTest, FloatOnlyOpRejectsIntegers) {
  const Status s = InferOp("Sqrt", 13, {Info(DType::kInt64, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
