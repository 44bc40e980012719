// QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear beyond the
// conformance tests: ties rounding to even, saturation, int8 and uint8,
// per-axis parameters on a middle and a negative axis, int32 dequantization,
// the all-zero input of DynamicQuantizeLinear, and errors naming the node.
#include <gtest/gtest.h>

#include <vector>

#include "tests/runtime/ops/quant/quant_reference.h"
#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(QuantizeLinearTest, RoundsHalfToEvenAndSaturates) {
  OpTester t("QuantizeLinear", 13);
  t.Input(DType::kFloat32, {8}, {0.5, 1.5, 2.5, -0.5, -1.5, 300, -300, 2.49}).Known(DType::kFloat32, {}, {1.0});
  t.Known(DType::kInt8, {}, {1}).Output(DType::kInt8);
  ExpectTensor(t.Run(), DType::kInt8, {8}, {1, 3, 3, 1, -1, 127, -128, 3});
}

TEST(QuantizeLinearTest, DefaultsToUint8WithZeroPointZero) {
  OpTester t("QuantizeLinear", 10);
  t.Input(DType::kFloat32, {4}, {-1, 0.26, 2.5, 1000}).Known(DType::kFloat32, {}, {0.5}).Output(DType::kUInt8);
  ExpectTensor(t.Run(), DType::kUInt8, {4}, {0, 1, 5, 255});
}

TEST(QuantizeLinearTest, PerAxisOnMiddleAndNegativeAxis) {
  const std::vector<double> x = RandomValues(2 * 3 * 4, 9);
  const std::vector<double> scale = {0.01, 0.02, 0.05};
  const std::vector<double> zp = {-3, 0, 7};
  std::vector<double> expected;
  for (size_t i = 0; i < x.size(); ++i) {
    const size_t c = (i / 4) % 3;
    expected.push_back(QuantizeValue(static_cast<double>(static_cast<float>(x[i]) / static_cast<float>(scale[c])),
                                     zp[c], DType::kInt8));
  }
  for (const int64_t axis : {int64_t{1}, int64_t{-2}}) {
    OpTester t("QuantizeLinear", 13);
    t.Input(DType::kFloat32, {2, 3, 4}, x).Known(DType::kFloat32, {3}, scale).Known(DType::kInt8, {3}, zp);
    t.Attr("axis", axis).Output(DType::kInt8);
    ExpectTensor(t.Run(), DType::kInt8, {2, 3, 4}, expected);
  }
}

TEST(QuantizeLinearTest, BadAxisAndScaleShapeNameTheNode) {
  OpTester bad_axis("QuantizeLinear", 13);
  bad_axis.Input(DType::kFloat32, {2, 3}, std::vector<double>(6, 0)).Known(DType::kFloat32, {3}, {1, 1, 1});
  bad_axis.Attr("axis", int64_t{2}).Output(DType::kUInt8, {2, 3});
  EXPECT_TRUE(IsError(bad_axis.Create(), ErrorCode::kInvalidArgument,
                      "QuantizeLinear node 'node': axis 2 is out of range for rank 2"));

  OpTester bad_scale("QuantizeLinear", 13);
  bad_scale.Input(DType::kFloat32, {2, 3}, std::vector<double>(6, 0)).Known(DType::kFloat32, {2}, {1, 1});
  bad_scale.Output(DType::kUInt8, {2, 3});
  EXPECT_TRUE(IsError(bad_scale.Create(), ErrorCode::kInvalidArgument, "y_scale has shape [2]; expected a scalar or [3]"));

  OpTester before_axis("QuantizeLinear", 10);
  before_axis.Input(DType::kFloat32, {2, 3}, std::vector<double>(6, 0)).Known(DType::kFloat32, {3}, {1, 1, 1});
  before_axis.Output(DType::kUInt8, {2, 3});
  EXPECT_TRUE(IsError(before_axis.Create(), ErrorCode::kInvalidArgument, "before opset 13 it must be a scalar"));
}

TEST(DequantizeLinearTest, PerTensorPerAxisAndInt32) {
  OpTester t("DequantizeLinear", 13);
  t.Input(DType::kUInt8, {2, 2}, {0, 10, 255, 128}).Known(DType::kFloat32, {2}, {0.5, 2.0});
  t.Known(DType::kUInt8, {2}, {10, 128}).Attr("axis", int64_t{0}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {2, 2}, {-5, 0, 254, 0}, 0.0);

  OpTester wide("DequantizeLinear", 10);
  wide.Input(DType::kInt32, {3}, {-100000, 0, 7}).Known(DType::kFloat32, {}, {0.25}).Output(DType::kFloat32);
  ExpectNear(wide.Run(), {3}, {-25000, 0, 1.75}, 0.0);
}

TEST(DequantizeLinearTest, ZeroPointTypeMismatchNamesTheNode) {
  // The ONNX checker leaves DequantizeLinear's types to the op; checked here
  // through the op's own Infer.
  Attributes none;
  const Status s = InferOp("DequantizeLinear", 13,
                           {Info(DType::kInt8, {4}), MakeTensor(DType::kFloat32, {}, {1}), MakeTensor(DType::kUInt8, {}, {0})});
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "x_zero_point has type uint8, expected int8"));
}

TEST(DynamicQuantizeLinearTest, RangeIncludesZeroAndAllZerosStayZero) {
  // min 0 (range extended to 0), max 2.55: scale 0.01, zero point 0.
  OpTester t("DynamicQuantizeLinear", 11);
  t.Input(DType::kFloat32, {3}, {0.5, 2.55, 1.005}).Output(DType::kUInt8).Output(DType::kFloat32).Output(DType::kUInt8);
  ExpectTensor(t.Run(0), DType::kUInt8, {3}, {50, 255, 100});
  ExpectNear(t.Run(1), {}, {0.01}, 1e-7);
  ExpectTensor(t.Run(2), DType::kUInt8, {}, {0});

  OpTester zeros("DynamicQuantizeLinear", 11);
  zeros.Input(DType::kFloat32, {2}, {0, 0}).Output(DType::kUInt8).Output(DType::kFloat32).Output(DType::kUInt8);
  ExpectTensor(zeros.Run(0), DType::kUInt8, {2}, {0, 0});
  ExpectTensor(zeros.Run(2), DType::kUInt8, {}, {0});
}

}  // namespace
}  // namespace edgebench::testing
