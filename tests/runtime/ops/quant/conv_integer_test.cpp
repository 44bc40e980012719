// ConvInteger and QLinearConv (they share runtime/ops/quant/quant_conv.cpp)
// on a shape grid against a direct integer convolution computed here: groups,
// depthwise with depth multipliers 1 and 2, 1x1 and 3x3 and 5x5 kernels,
// strides, pads, dilations; uint8 and int8 x and w in every combination,
// nonzero zero points per tensor and per output channel; weights as
// initializers (packed once at creation) and as run-time inputs (packed per
// run). Then validation errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "tests/runtime/ops/quant/quant_reference.h"
#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

struct GridCase {
  std::string name;
  Conv2dCase conv;
};

std::ostream& operator<<(std::ostream& os, const GridCase& c) { return os << c.name; }

std::vector<GridCase> Cases() {
  return {
      {"3x3_pad1", {1, 3, 7, 6, 4, 1, 3, 1, 1, 1}},
      {"group2_stride2", {2, 4, 5, 5, 6, 2, 3, 2, 0, 1}},
      {"depthwise", {1, 8, 6, 7, 8, 8, 3, 1, 1, 1}},
      {"depthwise_multiplier2_stride2", {2, 4, 7, 5, 8, 4, 3, 2, 1, 1}},
      {"pointwise", {1, 5, 4, 6, 3, 1, 1, 1, 0, 1}},
      {"deep_dilated", {1, 16, 9, 9, 7, 1, 3, 1, 2, 2}},
      {"5x5_pad3", {1, 3, 6, 6, 5, 1, 5, 1, 3, 1}},
  };
}

struct Variant {
  DType x_type;
  DType w_type;
  bool per_channel;
  bool known_weights;
};

std::vector<Variant> Variants() {
  std::vector<Variant> v;
  for (DType x : {DType::kUInt8, DType::kInt8}) {
    for (DType w : {DType::kUInt8, DType::kInt8}) {
      v.push_back({x, w, false, true});
      v.push_back({x, w, true, x == w});  // weights at run time too
    }
  }
  return v;
}

std::string Describe(const Variant& v) {
  return std::string("x ") + DTypeName(v.x_type) + ", w " + DTypeName(v.w_type) +
         (v.per_channel ? ", per-channel" : ", per-tensor") + (v.known_weights ? ", known w" : ", w at run");
}

struct ConvData {
  std::vector<double> x, w, w_zp;
  double x_zp = 0;
  Shape x_shape, w_shape, y_shape;
};

ConvData MakeData(const Conv2dCase& c, const Variant& v, uint32_t seed) {
  ConvData d;
  d.x_shape = {c.batch, c.channels, c.height, c.width};
  d.w_shape = {c.filters, c.channels / c.group, c.kernel, c.kernel};
  d.y_shape = {c.batch, c.filters, ConvOut(c, c.height), ConvOut(c, c.width)};
  d.x = RandomQuant(v.x_type, NumElements(d.x_shape), seed);
  d.w = RandomQuant(v.w_type, NumElements(d.w_shape), seed + 1);
  d.x_zp = v.x_type == DType::kUInt8 ? 131 : -5;
  d.w_zp = RandomQuant(v.w_type, v.per_channel ? c.filters : 1, seed + 2);
  return d;
}

void AddConvAttributes(const Conv2dCase& c, OpTester* t) {
  t->Attr("group", c.group);
  t->Ints("strides", {c.stride, c.stride});
  t->Ints("pads", {c.pad, c.pad, c.pad, c.pad});
  t->Ints("dilations", {c.dilation, c.dilation});
}

void AddWeights(const ConvData& d, const Variant& v, OpTester* t) {
  if (v.known_weights) {
    t->Known(v.w_type, d.w_shape, d.w);
  } else {
    t->Input(v.w_type, d.w_shape, d.w);
  }
}

class ConvIntegerGridTest : public ::testing::TestWithParam<GridCase> {};

// Integer results are exact: the kernel and the reference compute the same
// sums in integers.
TEST_P(ConvIntegerGridTest, EqualsDirectIntegerConvolution) {
  const Conv2dCase& c = GetParam().conv;
  uint32_t seed = 11;
  for (const Variant& v : Variants()) {
    SCOPED_TRACE(Describe(v));
    const ConvData d = MakeData(c, v, seed += 3);
    OpTester t("ConvInteger", 10);
    t.Input(v.x_type, d.x_shape, d.x);
    AddWeights(d, v, &t);
    t.Known(v.x_type, {}, {d.x_zp});
    if (v.per_channel) {
      t.Known(v.w_type, {c.filters}, d.w_zp);
    } else {
      t.Known(v.w_type, {}, d.w_zp);
    }
    AddConvAttributes(c, &t);
    t.Output(DType::kInt32);
    const std::vector<int64_t> acc = ReferenceConvInteger(c, d.x, d.x_zp, d.w, d.w_zp);
    ExpectTensor(t.Run(), DType::kInt32, d.y_shape, std::vector<double>(acc.begin(), acc.end()));
  }
}

class QLinearConvGridTest : public ::testing::TestWithParam<GridCase> {};

// Against dequantize -> float convolution -> quantize in double. The kernel
// rounds acc * (x_scale * w_scale / y_scale) computed in float, as ONNX
// Runtime does; where the exact value lies within float rounding of a .5 tie
// the two round apart, so outputs may differ by 1 LSB, never more.
TEST_P(QLinearConvGridTest, WithinOneLsbOfFloatReference) {
  const Conv2dCase& c = GetParam().conv;
  uint32_t seed = 101;
  for (const Variant& v : Variants()) {
    for (const DType y_type : {DType::kUInt8, DType::kInt8}) {
      SCOPED_TRACE(Describe(v) + ", y " + DTypeName(y_type));
      const ConvData d = MakeData(c, v, seed += 5);
      const double x_scale = 0.0213;
      std::vector<double> w_scale;
      for (int64_t m = 0; m < (v.per_channel ? c.filters : 1); ++m) w_scale.push_back(0.004 * (1 + m % 3) + 0.0007 * m);
      std::vector<double> bias = RandomValues(c.filters, seed + 3);
      for (double& b : bias) b = std::round(b * 3000);

      const std::vector<int64_t> acc = ReferenceConvInteger(c, d.x, d.x_zp, d.w, d.w_zp);
      const int64_t plane = d.y_shape[2] * d.y_shape[3];
      std::vector<double> real(acc.size());
      double largest = 0;
      for (size_t i = 0; i < acc.size(); ++i) {
        const int64_t m = (static_cast<int64_t>(i) / plane) % c.filters;
        const double ws = w_scale.size() == 1 ? w_scale[0] : w_scale[m];
        real[i] = x_scale * ws * (static_cast<double>(acc[i]) + bias[m]);
        largest = std::max(largest, std::fabs(real[i]));
      }
      // A y_scale that spreads Y over the 8-bit range and saturates the extremes.
      const double y_scale = static_cast<double>(static_cast<float>(largest / 150.0));
      const double y_zp = y_type == DType::kUInt8 ? 120 : -3;
      std::vector<double> expected(real.size());
      for (size_t i = 0; i < real.size(); ++i) expected[i] = QuantizeValue(real[i] / y_scale, y_zp, y_type);

      OpTester t("QLinearConv", 10);
      t.Input(v.x_type, d.x_shape, d.x).Known(DType::kFloat32, {}, {x_scale}).Known(v.x_type, {}, {d.x_zp});
      AddWeights(d, v, &t);
      const Shape param_shape = v.per_channel ? Shape{c.filters} : Shape{};
      t.Known(DType::kFloat32, param_shape, w_scale).Known(v.w_type, param_shape, d.w_zp);
      t.Known(DType::kFloat32, {}, {y_scale}).Known(y_type, {}, {y_zp});
      t.Known(DType::kInt32, {c.filters}, bias);
      AddConvAttributes(c, &t);
      t.Output(y_type);
      ExpectWithinLsb(t.Run(), d.y_shape, expected, 1.0);
    }
  }
}

std::string CaseName(const ::testing::TestParamInfo<GridCase>& param_info) { return param_info.param.name; }

INSTANTIATE_TEST_SUITE_P(Grid, ConvIntegerGridTest, ::testing::ValuesIn(Cases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Grid, QLinearConvGridTest, ::testing::ValuesIn(Cases()), CaseName);

TEST(ConvIntegerTest, ZeroPointsDefaultToZero) {
  // x [1, 1, 2, 2], w [1, 1, 1, 1] = 3: y = 3 * x.
  OpTester t("ConvInteger", 10);
  t.Input(DType::kUInt8, {1, 1, 2, 2}, {1, 2, 250, 4}).Known(DType::kUInt8, {1, 1, 1, 1}, {3});
  t.Output(DType::kInt32);
  ExpectTensor(t.Run(), DType::kInt32, {1, 1, 2, 2}, {3, 6, 750, 12});
}

TEST(ConvIntegerTest, CostCountsMacs) {
  OpTester t("ConvInteger", 10);
  t.Input(DType::kUInt8, {1, 4, 5, 5}, std::vector<double>(100, 1)).Known(DType::kInt8, {6, 2, 3, 3},
                                                                          std::vector<double>(108, 1));
  t.Attr("group", int64_t{2}).Output(DType::kInt32);
  ASSERT_TRUE(t.Create().ok());
  // 6 filters x 3 x 3 outputs, each 2 channels x 9 taps.
  EXPECT_EQ(t.session().node_reports()[0].cost.macs, 6 * 9 * 2 * 9);
}

TEST(QLinearConvTest, MismatchedScaleShapeNamesTheNode) {
  OpTester t("QLinearConv", 10);
  t.Input(DType::kUInt8, {1, 2, 3, 3}, std::vector<double>(18, 1)).Known(DType::kFloat32, {}, {0.1}).Known(DType::kUInt8, {}, {0});
  t.Known(DType::kInt8, {3, 2, 1, 1}, std::vector<double>(6, 1)).Known(DType::kFloat32, {2}, {0.1, 0.2});
  t.Known(DType::kInt8, {}, {0}).Known(DType::kFloat32, {}, {0.1}).Known(DType::kUInt8, {}, {0});
  t.Output(DType::kUInt8, {1, 3, 3, 3});
  EXPECT_TRUE(IsError(t.Create(), ErrorCode::kInvalidArgument,
                      "QLinearConv node 'node': w_scale has shape [2]; expected a scalar or [3]"));
}

TEST(ConvIntegerTest, ZeroPointTypeMismatchIsRefused) {
  OpTester t("ConvInteger", 10);
  // Per-channel w_zero_point of uint8 for int8 weights; the ONNX checker
  // does not look at ConvInteger's zero point types.
  t.Input(DType::kUInt8, {1, 2, 3, 3}, std::vector<double>(18, 1)).Known(DType::kInt8, {3, 2, 1, 1},
                                                                          std::vector<double>(6, 1));
  t.NoInput().Known(DType::kUInt8, {3}, {0, 0, 0});
  t.Output(DType::kInt32, {1, 3, 3, 3});
  const Status s = t.Create();
  // Either the ONNX checker (type constraint T2) or the op refuses it; the op names the node.
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
