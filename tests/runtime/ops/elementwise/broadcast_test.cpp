// Broadcasting shared by the binary, ternary and variadic ops, checked against
// a naive numpy-style index mapping on a grid of shapes.
#include "runtime/ops/elementwise/broadcast.h"

#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

// Flat index into `in` of the element that broadcasts to output index `index`.
int64_t SourceIndex(const Shape& out, const Shape& in, int64_t index) {
  int64_t source = 0;
  int64_t in_stride = 1;
  for (int d = static_cast<int>(out.size()) - 1; d >= 0; --d) {
    const int64_t coordinate = index % out[d];
    index /= out[d];
    const int in_d = d - static_cast<int>(out.size() - in.size());
    if (in_d < 0) continue;
    if (in[in_d] != 1) source += coordinate * in_stride;
    in_stride *= in[in_d];
  }
  return source;
}

std::vector<double> Iota(const Shape& shape, double start, double step) {
  std::vector<double> values(static_cast<size_t>(NumElements(shape)));
  for (size_t i = 0; i < values.size(); ++i) values[i] = start + step * static_cast<double>(i);
  return values;
}

struct ShapeCase {
  Shape a, b, out;
};

const ShapeCase kCases[] = {
    {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}},       {{2, 3, 4}, {4}, {2, 3, 4}},
    {{2, 3, 4}, {}, {2, 3, 4}},              {{}, {2, 3}, {2, 3}},
    {{2, 1, 4}, {3, 1}, {2, 3, 4}},          {{1, 3, 1, 5}, {2, 1, 4, 1}, {2, 3, 4, 5}},
    {{2, 3, 4, 5}, {2, 1, 4, 1}, {2, 3, 4, 5}}, {{1, 8, 1, 1}, {2, 8, 3, 3}, {2, 8, 3, 3}},
    {{0, 3}, {1, 3}, {0, 3}},                {{1}, {1, 1, 1}, {1, 1, 1}},
    {{7, 1}, {1, 5}, {7, 5}},                {{1, 2, 1, 2, 1, 2, 1, 2}, {2, 1, 2, 1, 2, 1, 2, 1}, {2, 2, 2, 2, 2, 2, 2, 2}},
};

TEST(BroadcastTest, SubMatchesNaiveBroadcastOnShapeGrid) {
  for (const ShapeCase& c : kCases) {
    SCOPED_TRACE(ShapeToString(c.a) + " - " + ShapeToString(c.b));
    const std::vector<double> a = Iota(c.a, 1.0, 1.0);
    const std::vector<double> b = Iota(c.b, 0.5, 0.25);
    std::vector<double> expected(static_cast<size_t>(NumElements(c.out)));
    for (size_t i = 0; i < expected.size(); ++i) {
      const auto index = static_cast<int64_t>(i);
      expected[i] = a[SourceIndex(c.out, c.a, index)] - b[SourceIndex(c.out, c.b, index)];
    }
    OpTester t("Sub", 14);
    t.Input(DType::kFloat32, c.a, a).Input(DType::kFloat32, c.b, b).Output(DType::kFloat32, c.out);
    ExpectNear(t.Run(), c.out, expected);
  }
}

TEST(BroadcastTest, WhereBroadcastsThreeInputs) {
  const Shape cond_shape = {2, 1, 3}, x_shape = {4, 1}, y_shape = {3}, out = {2, 4, 3};
  const std::vector<double> cond = {1, 0, 1, 0, 0, 1};
  const std::vector<double> x = Iota(x_shape, 10, 10);
  const std::vector<double> y = Iota(y_shape, -1, -1);
  std::vector<double> expected(24);
  for (int64_t i = 0; i < 24; ++i) {
    expected[i] = cond[SourceIndex(out, cond_shape, i)] != 0 ? x[SourceIndex(out, x_shape, i)]
                                                              : y[SourceIndex(out, y_shape, i)];
  }
  OpTester t("Where", 16);
  t.Input(DType::kBool, cond_shape, cond).Input(DType::kInt64, x_shape, x).Input(DType::kInt64, y_shape, y);
  t.Output(DType::kInt64, out);
  ExpectTensor(t.Run(), DType::kInt64, out, expected);
}

TEST(BroadcastTest, SumBroadcastsManyInputs) {
  const Shape s0 = {3, 1}, s1 = {1, 4}, s2 = {}, s3 = {2, 1, 1}, out = {2, 3, 4};
  const auto v0 = Iota(s0, 1, 1), v1 = Iota(s1, 10, 10), v2 = Iota(s2, 100, 0), v3 = Iota(s3, 1000, 1000);
  std::vector<double> expected(24);
  for (int64_t i = 0; i < 24; ++i) {
    expected[i] = v0[SourceIndex(out, s0, i)] + v1[SourceIndex(out, s1, i)] + v2[0] + v3[SourceIndex(out, s3, i)];
  }
  OpTester t("Sum", 13);
  t.Input(DType::kFloat32, s0, v0).Input(DType::kFloat32, s1, v1).Input(DType::kFloat32, s2, v2);
  t.Input(DType::kFloat32, s3, v3).Output(DType::kFloat32, out);
  ExpectNear(t.Run(), out, expected);
}

TEST(BroadcastTest, IncompatibleShapesAreAnError) {
  const Status s = InferOp("Add", 14, {Info(DType::kFloat32, {2, 3}), Info(DType::kFloat32, {4})});
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "do not broadcast"));
  EXPECT_NE(s.message().find("node"), std::string::npos) << s.message();
}

TEST(BroadcastTest, RankAboveMaxIsUnsupported) {
  const Shape deep(kMaxRank + 1, 1);
  const Status s = InferOp("Mul", 14, {Info(DType::kFloat32, deep), Info(DType::kFloat32, {1})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

TEST(BroadcastTest, MismatchedDTypesAreAnError) {
  const Status s = InferOp("Add", 14, {Info(DType::kFloat32, {2}), Info(DType::kInt64, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

TEST(BroadcastTest, UnimplementedDTypeIsUnsupported) {
  const Status s = InferOp("Add", 14, {Info(DType::kFloat16, {2}), Info(DType::kFloat16, {2})});
  EXPECT_TRUE(IsError(s, ErrorCode::kUnsupported, "float16"));
}

}  // namespace
}  // namespace edgebench::testing
