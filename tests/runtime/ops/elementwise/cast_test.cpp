// Cast between float32, float16, int64, int32, int8, uint8 and bool.
// Conformance only has casts involving double, float16, bfloat16 and string.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "runtime/core/float16.h"

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

// A float16 tensor holding `values` rounded to half.
Tensor HalfTensor(const std::vector<float>& values) {
  Tensor t = *Tensor::Allocate(DType::kFloat16, {static_cast<int64_t>(values.size())});
  Float32ToFloat16(values.data(), t.data<uint16_t>(), values.size());
  return t;
}

std::vector<uint16_t> HalfBits(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::kFloat16);
  return std::vector<uint16_t>(t.data<uint16_t>(), t.data<uint16_t>() + t.num_elements());
}

TEST(CastTest, ToFloat16RoundsToNearestEven) {
  // 1 + 2^-11 is a tie (even: 1); 65520 rounds to infinity; 1e-8 is below half
  // the smallest subnormal; 2049 is a tie between 2048 and 2050 (even: 2048).
  const std::vector<double> floats = {1.0, 1.0 + std::ldexp(1.0, -11), 65520, 1e-8, -2.5, 6e-8};
  EXPECT_EQ(HalfBits(CastTo(DType::kFloat32, DType::kFloat16, floats)),
            (std::vector<uint16_t>{0x3C00, 0x3C00, 0x7C00, 0x0000, 0xC100, 0x0001}));
  EXPECT_EQ(HalfBits(CastTo(DType::kInt64, DType::kFloat16, {-3, 2049, 70000})),
            (std::vector<uint16_t>{0xC200, 0x6800, 0x7C00}));
  EXPECT_EQ(HalfBits(CastTo(DType::kBool, DType::kFloat16, {1, 0})), (std::vector<uint16_t>{0x3C00, 0x0000}));
}

TEST(CastTest, FromFloat16IsExactThenCastsAsFloat) {
  const Shape shape = {5};
  const Tensor halves = HalfTensor({-2.5f, 3.75f, 0.0f, 65504.0f, std::ldexp(1.0f, -24)});
  OpTester to_float("Cast", 13);
  to_float.Input(halves).Attr("to", static_cast<int64_t>(DType::kFloat32)).Output(DType::kFloat32, shape);
  ExpectNear(to_float.Run(), shape, {-2.5, 3.75, 0, 65504, std::ldexp(1.0, -24)}, 0.0);
  OpTester to_int("Cast", 13);
  to_int.Input(halves).Attr("to", static_cast<int64_t>(DType::kInt64)).Output(DType::kInt64, shape);
  ExpectTensor(to_int.Run(), DType::kInt64, shape, {-2, 3, 0, 65504, 0});
  OpTester to_bool("Cast", 13);
  to_bool.Input(halves).Attr("to", static_cast<int64_t>(DType::kBool)).Output(DType::kBool, shape);
  ExpectTensor(to_bool.Run(), DType::kBool, shape, {1, 1, 0, 1, 1});
}

// Longer than the kernel's chunk, with a tail: every element, not the first chunk only.
TEST(CastTest, Float16RoundTripOverManyChunks) {
  const std::vector<double> values = RandomValues(1000, 5);
  const Tensor halves = CastTo(DType::kFloat32, DType::kFloat16, values);
  OpTester back("Cast", 13);
  back.Input(halves).Attr("to", static_cast<int64_t>(DType::kFloat32)).Output(DType::kFloat32, {1000});
  const Tensor floats = back.Run();
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(floats.data<float>()[i], Float16ToFloat32(Float32ToFloat16(static_cast<float>(values[i])))) << i;
  }
  OpTester same("Cast", 13);
  same.Input(halves).Attr("to", static_cast<int64_t>(DType::kFloat16)).Output(DType::kFloat16, {1000});
  EXPECT_EQ(HalfBits(same.Run()), HalfBits(halves));
}

TEST(CastTest, MissingToIsAnError) {
  const Status s = InferOp("Cast", 13, {Info(DType::kFloat32, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
