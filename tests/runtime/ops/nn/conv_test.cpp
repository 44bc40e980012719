// Conv beyond the conformance tests: a shape grid (1-D to 3-D, groups,
// depthwise, strides, dilations, asymmetric pads, every auto_pad) against a
// direct per-output formula, the cost formula, and validation errors.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

struct ConvCase {
  std::string name;
  Shape x;  // N, C, spatial...
  int64_t filters = 1;
  int64_t group = 1;
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;    // empty: attribute absent (1s)
  std::vector<int64_t> dilations;  // empty: attribute absent (1s)
  std::vector<int64_t> pads;       // empty: attribute absent (0s)
  std::string auto_pad;            // empty: attribute absent (NOTSET)
  bool bias = false;
  bool kernel_attr = false;  // write kernel_shape (otherwise taken from W)
};

// Spatial geometry of one dim, worked out from the ONNX formulas independently of the kernel.
struct Dim {
  int64_t in, kernel, stride, dilation, pad_begin, out;
};

std::vector<Dim> Geometry(const ConvCase& c) {
  const int r = static_cast<int>(c.kernel.size());
  std::vector<Dim> dims;
  for (int d = 0; d < r; ++d) {
    Dim g{c.x[2 + d], c.kernel[d], c.strides.empty() ? 1 : c.strides[d], c.dilations.empty() ? 1 : c.dilations[d], 0,
          0};
    const int64_t extent = (g.kernel - 1) * g.dilation + 1;
    if (c.auto_pad == "SAME_UPPER" || c.auto_pad == "SAME_LOWER") {
      g.out = (g.in + g.stride - 1) / g.stride;
      const int64_t total = std::max<int64_t>(0, (g.out - 1) * g.stride + extent - g.in);
      g.pad_begin = c.auto_pad == "SAME_UPPER" ? total / 2 : (total + 1) / 2;
    } else if (c.auto_pad == "VALID") {
      g.out = (g.in - extent) / g.stride + 1;
    } else {
      const int64_t begin = c.pads.empty() ? 0 : c.pads[d];
      const int64_t end = c.pads.empty() ? 0 : c.pads[r + d];
      g.pad_begin = begin;
      g.out = (g.in + begin + end - extent) / g.stride + 1;
    }
    dims.push_back(g);
  }
  // Up to three spatial dims: missing leading ones are size 1 with a 1-tap kernel.
  while (dims.size() < 3) dims.insert(dims.begin(), Dim{1, 1, 1, 1, 0, 1});
  return dims;
}

// Y[n, m, o] = B[m] + sum_{c in group, k} W[m, c, k] * X[n, c, o * s + k * d - pad_begin].
std::vector<double> NaiveConv(const ConvCase& c, const std::vector<double>& x, const std::vector<double>& w,
                              const std::vector<double>& b, Shape* y_shape) {
  const std::vector<Dim> g = Geometry(c);
  const int64_t batch = c.x[0];
  const int64_t channels = c.x[1];
  const int64_t cg_count = channels / c.group;
  const int64_t mg_count = c.filters / c.group;
  *y_shape = {batch, c.filters};
  for (size_t d = 3 - c.kernel.size(); d < 3; ++d) y_shape->push_back(g[d].out);
  std::vector<double> y;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t m = 0; m < c.filters; ++m) {
      for (int64_t o0 = 0; o0 < g[0].out; ++o0) {
        for (int64_t o1 = 0; o1 < g[1].out; ++o1) {
          for (int64_t o2 = 0; o2 < g[2].out; ++o2) {
            double acc = c.bias ? b[m] : 0.0;
            for (int64_t cg = 0; cg < cg_count; ++cg) {
              const int64_t ch = (m / mg_count) * cg_count + cg;
              for (int64_t k0 = 0; k0 < g[0].kernel; ++k0) {
                for (int64_t k1 = 0; k1 < g[1].kernel; ++k1) {
                  for (int64_t k2 = 0; k2 < g[2].kernel; ++k2) {
                    const int64_t i0 = o0 * g[0].stride + k0 * g[0].dilation - g[0].pad_begin;
                    const int64_t i1 = o1 * g[1].stride + k1 * g[1].dilation - g[1].pad_begin;
                    const int64_t i2 = o2 * g[2].stride + k2 * g[2].dilation - g[2].pad_begin;
                    if (i0 < 0 || i0 >= g[0].in || i1 < 0 || i1 >= g[1].in || i2 < 0 || i2 >= g[2].in) continue;
                    const int64_t xi = (((n * channels + ch) * g[0].in + i0) * g[1].in + i1) * g[2].in + i2;
                    const int64_t wi = (((m * cg_count + cg) * g[0].kernel + k0) * g[1].kernel + k1) * g[2].kernel + k2;
                    acc += static_cast<double>(x[xi]) * w[wi];
                  }
                }
              }
            }
            y.push_back(static_cast<float>(acc));
          }
        }
      }
    }
  }
  return y;
}

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const ConvCase& c, std::ostream* os) { *os << c.name; }

class ConvGridTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(ConvGridTest, MatchesDirectFormula) {
  const ConvCase& c = GetParam();
  Shape w_shape = {c.filters, c.x[1] / c.group};
  for (int64_t k : c.kernel) w_shape.push_back(k);
  const std::vector<double> x = RandomValues(NumElements(c.x), 1);
  const std::vector<double> w = RandomValues(NumElements(w_shape), 2);
  const std::vector<double> b = RandomValues(c.filters, 3);

  OpTester t("Conv", 11);
  t.Input(DType::kFloat32, c.x, x).Known(DType::kFloat32, w_shape, w);
  if (c.bias) t.Known(DType::kFloat32, {c.filters}, b);
  if (c.group != 1) t.Attr("group", c.group);
  if (c.kernel_attr) t.Ints("kernel_shape", c.kernel);
  if (!c.strides.empty()) t.Ints("strides", c.strides);
  if (!c.dilations.empty()) t.Ints("dilations", c.dilations);
  if (!c.pads.empty()) t.Ints("pads", c.pads);
  if (!c.auto_pad.empty()) t.Attr("auto_pad", c.auto_pad);
  t.Output(DType::kFloat32);

  Shape y_shape;
  const std::vector<double> expected = NaiveConv(c, x, w, b, &y_shape);
  ExpectNear(t.Run(), y_shape, expected, 1e-4);
}

std::vector<ConvCase> ConvCases() {
  std::vector<ConvCase> cases;
  auto add = [&](ConvCase c) { cases.push_back(std::move(c)); };
  add({"conv1d_default", {2, 3, 11}, 4, 1, {3}, {}, {}, {}, "", false, false});
  add({"conv1d_stride_dilation_pads", {1, 2, 13}, 3, 1, {3}, {2}, {2}, {1, 2}, "", true, true});
  add({"conv2d_groups_everything", {1, 4, 7, 9}, 6, 2, {3, 2}, {2, 1}, {1, 2}, {1, 0, 2, 1}, "", true, false});
  add({"conv2d_depthwise_stride2", {2, 5, 8, 8}, 5, 5, {3, 3}, {2, 2}, {}, {1, 1, 1, 1}, "", true, false});
  add({"conv2d_depthwise_multiplier", {1, 3, 6, 7}, 6, 3, {3, 3}, {}, {}, {}, "", false, false});
  add({"conv2d_same_upper_odd_total", {1, 2, 7, 6}, 3, 1, {4, 3}, {2, 2}, {}, {}, "SAME_UPPER", true, false});
  add({"conv2d_same_lower_odd_total", {1, 2, 7, 6}, 3, 1, {4, 3}, {2, 2}, {}, {}, "SAME_LOWER", true, false});
  add({"conv2d_same_dilated", {1, 2, 9, 5}, 2, 1, {3, 2}, {1, 2}, {2, 3}, {}, "SAME_LOWER", false, false});
  add({"conv2d_valid_stride3", {1, 3, 10, 11}, 2, 1, {3, 3}, {3, 3}, {}, {}, "VALID", false, true});
  add({"conv2d_pointwise", {1, 8, 5, 5}, 4, 1, {1, 1}, {}, {}, {}, "", true, false});
  add({"conv2d_kernel_larger_than_input", {1, 1, 3, 3}, 2, 1, {5, 5}, {}, {}, {1, 1, 1, 1}, "", false, false});
  add({"conv2d_stride_beyond_row", {1, 1, 4, 4}, 1, 1, {1, 1}, {5, 5}, {}, {}, "", false, false});
  add({"conv3d_mixed", {1, 2, 5, 6, 7}, 3, 1, {2, 3, 3}, {1, 2, 1}, {2, 1, 1}, {0, 1, 1, 1, 0, 1}, "", true, false});
  add({"conv3d_groups_same", {1, 4, 4, 4, 4}, 4, 2, {3, 3, 3}, {}, {}, {}, "SAME_UPPER", false, false});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Grid, ConvGridTest, ::testing::ValuesIn(ConvCases()),
                         [](const ::testing::TestParamInfo<ConvCase>& param_info) { return param_info.param.name; });

TEST(ConvTest, CostCountsMacsPerOutput) {
  OpTester t("Conv", 11);
  t.Input(DType::kFloat32, {1, 6, 7, 7}, RandomValues(6 * 49, 1))
      .Known(DType::kFloat32, {4, 3, 3, 3}, RandomValues(4 * 27, 2));
  t.Known(DType::kFloat32, {4}, {0, 0, 0, 0}).Attr("group", int64_t{2}).Output(DType::kFloat32);
  ASSERT_TRUE(t.Create().ok());
  const OpCost cost = t.session().node_reports()[0].cost;
  // N * M * out(5x5) * C/group * kernel(3x3).
  EXPECT_EQ(cost.macs, 1 * 4 * 25 * 3 * 9);
  EXPECT_EQ(cost.flops, 2 * cost.macs + 4 * 25);
}

TEST(ConvTest, RejectsInconsistentShapesAndAttributes) {
  const Tensor x = Info(DType::kFloat32, {1, 4, 8, 8});
  const Tensor w = Info(DType::kFloat32, {6, 2, 3, 3});
  Attributes group2;
  group2.Set("group", IntAttribute(2));
  EXPECT_TRUE(InferOp("Conv", 11, {x, w}, group2).ok());
  // W's channels per group must be C / group.
  EXPECT_EQ(InferOp("Conv", 11, {x, w}).code(), ErrorCode::kInvalidArgument);
  Attributes group3;
  group3.Set("group", IntAttribute(3));
  EXPECT_EQ(InferOp("Conv", 11, {x, w}, group3).code(), ErrorCode::kInvalidArgument);
  // Bias of the wrong size.
  EXPECT_EQ(InferOp("Conv", 11, {x, w, Info(DType::kFloat32, {5})}, group2).code(), ErrorCode::kInvalidArgument);
  // kernel_shape that disagrees with W.
  Attributes kernel = group2;
  kernel.Set("kernel_shape", IntsAttribute({3, 2}));
  EXPECT_EQ(InferOp("Conv", 11, {x, w}, kernel).code(), ErrorCode::kInvalidArgument);
  // strides of the wrong length, zero dilation, negative pads, unknown auto_pad.
  Attributes strides = group2;
  strides.Set("strides", IntsAttribute({1, 1, 1}));
  EXPECT_EQ(InferOp("Conv", 11, {x, w}, strides).code(), ErrorCode::kInvalidArgument);
  Attributes dilations = group2;
  dilations.Set("dilations", IntsAttribute({0, 1}));
  EXPECT_EQ(InferOp("Conv", 11, {x, w}, dilations).code(), ErrorCode::kInvalidArgument);
  Attributes pads = group2;
  pads.Set("pads", IntsAttribute({0, -1, 0, 0}));
  EXPECT_EQ(InferOp("Conv", 11, {x, w}, pads).code(), ErrorCode::kInvalidArgument);
  Attributes auto_pad = group2;
  auto_pad.Set("auto_pad", StringAttribute("SAME"));
  EXPECT_EQ(InferOp("Conv", 11, {x, w}, auto_pad).code(), ErrorCode::kInvalidArgument);
  // A kernel larger than the padded input.
  EXPECT_EQ(InferOp("Conv", 11, {Info(DType::kFloat32, {1, 4, 2, 8}), w}, group2).code(), ErrorCode::kInvalidArgument);
  // W's rank must match X's.
  EXPECT_EQ(InferOp("Conv", 11, {x, Info(DType::kFloat32, {6, 2, 3})}, group2).code(), ErrorCode::kInvalidArgument);
}

TEST(ConvTest, NonFloatIsUnsupported) {
  const Status s = InferOp("Conv", 11, {Info(DType::kInt8, {1, 1, 4, 4}), Info(DType::kInt8, {1, 1, 3, 3})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
