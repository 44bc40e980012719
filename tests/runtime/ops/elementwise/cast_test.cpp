// Cast between float32, int64, int32, int8, uint8 and bool. Conformance only
// has casts involving double, float16, bfloat16 and string.
#include <gtest/gtest.h>

#include <limits>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

Tensor CastTo(DType from, DType to, const std::vector<double>& values, int64_t opset = 13) {
  OpTester t("Cast", opset);
  const Shape shape = {static_cast<int64_t>(values.size())};
  t.Input(from, shape, values).Attr("to", static_cast<int64_t>(to)).Output(to, shape);
  return t.Run();
}

TEST(CastTest, FloatToIntTruncatesTowardZero) {
  ExpectTensor(CastTo(DType::kFloat32, DType::kInt64, {-2.9, -0.5, 0.5, 2.9, 1e10}), DType::kInt64, {5},
               {-2, 0, 0, 2, 1e10});
  ExpectTensor(CastTo(DType::kFloat32, DType::kInt32, {-7.99, 7.99}), DType::kInt32, {2}, {-7, 7});
}

TEST(CastTest, FloatToSmallIntSaturates) {
  ExpectTensor(CastTo(DType::kFloat32, DType::kUInt8, {-3, 255.5, 300}), DType::kUInt8, {3}, {0, 255, 255});
  ExpectTensor(CastTo(DType::kFloat32, DType::kInt8, {-200, 127.9, 1e9}), DType::kInt8, {3}, {-128, 127, 127});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ExpectTensor(CastTo(DType::kFloat32, DType::kInt32, {nan, 3e9}), DType::kInt32, {2},
               {0, std::numeric_limits<int32_t>::max()});
}

TEST(CastTest, ToBoolIsNonZero) {
  ExpectTensor(CastTo(DType::kFloat32, DType::kBool, {0, -0.0, 0.1, -3}), DType::kBool, {4}, {0, 0, 1, 1});
  ExpectTensor(CastTo(DType::kInt64, DType::kBool, {0, 5, -1}), DType::kBool, {3}, {0, 1, 1});
}

TEST(CastTest, FromBool) {
  ExpectNear(CastTo(DType::kBool, DType::kFloat32, {1, 0}), {2}, {1, 0});
  ExpectTensor(CastTo(DType::kBool, DType::kInt64, {1, 0}, 9), DType::kInt64, {2}, {1, 0});
}

TEST(CastTest, IntegerNarrowingWraps) {
  ExpectTensor(CastTo(DType::kInt64, DType::kInt8, {127, 128, -129, 300}), DType::kInt8, {4}, {127, -128, 127, 44});
  ExpectTensor(CastTo(DType::kInt32, DType::kUInt8, {-1, 256}), DType::kUInt8, {2}, {255, 0});
}

TEST(CastTest, IntToFloatAndSameType) {
  ExpectNear(CastTo(DType::kInt64, DType::kFloat32, {-3, 16777216}, 7), {2}, {-3, 16777216});
  ExpectTensor(CastTo(DType::kUInt8, DType::kUInt8, {0, 200}), DType::kUInt8, {2}, {0, 200});
}

TEST(CastTest, UnimplementedTargetIsUnsupported) {
  Attributes attributes;
  attributes.Set("to", IntAttribute(11));  // double
  const Status s = InferOp("Cast", 13, {Info(DType::kFloat32, {2})}, attributes);
  EXPECT_TRUE(IsError(s, ErrorCode::kUnsupported, "double"));
}

TEST(CastTest, MissingToIsAnError) {
  const Status s = InferOp("Cast", 13, {Info(DType::kFloat32, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
