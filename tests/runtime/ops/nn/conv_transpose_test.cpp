// ConvTranspose beyond the conformance tests: a shape grid (1-D to 3-D,
// groups, depthwise, strides, dilations, pads, output_padding, output_shape,
// SAME_UPPER / SAME_LOWER with an odd total pad) against a direct scatter,
// the cost formula, and validation errors.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

struct ConvTransposeCase {
  std::string name;
  Shape x;  // N, C, spatial...
  int64_t filters_per_group = 1;
  int64_t group = 1;
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;         // empty: attribute absent
  std::vector<int64_t> dilations;       // empty: attribute absent
  std::vector<int64_t> pads;            // empty: attribute absent
  std::vector<int64_t> output_padding;  // empty: attribute absent
  std::vector<int64_t> output_shape;    // empty: attribute absent
  std::string auto_pad;                 // empty: attribute absent
  bool bias = false;
};

struct Dim {
  int64_t in, kernel, stride, dilation, pad_begin, out;
};

// ONNX Operators.md, ConvTranspose: out = s * (in - 1) + output_padding + dilated_k - pads, or
// pads from output_shape (or in * s for SAME_*) with the odd pad at the end only for SAME_UPPER.
std::vector<Dim> Geometry(const ConvTransposeCase& c) {
  const int r = static_cast<int>(c.kernel.size());
  std::vector<Dim> dims;
  for (int d = 0; d < r; ++d) {
    Dim g{c.x[2 + d], c.kernel[d], c.strides.empty() ? 1 : c.strides[d], c.dilations.empty() ? 1 : c.dilations[d], 0,
          0};
    const int64_t extent = (g.kernel - 1) * g.dilation + 1;
    const int64_t full = g.stride * (g.in - 1) + (c.output_padding.empty() ? 0 : c.output_padding[d]) + extent;
    const bool same = c.auto_pad == "SAME_UPPER" || c.auto_pad == "SAME_LOWER";
    if (!c.output_shape.empty() || same) {
      g.out = c.output_shape.empty() ? g.in * g.stride : c.output_shape[c.output_shape.size() - r + d];
      const int64_t total = full - g.out;
      // A larger output than the full one is extended at the end (ONNX test data).
      g.pad_begin = total < 0 ? 0 : c.auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
    } else {
      g.pad_begin = c.pads.empty() ? 0 : c.pads[d];
      g.out = full - g.pad_begin - (c.pads.empty() ? 0 : c.pads[r + d]);
    }
    dims.push_back(g);
  }
  while (dims.size() < 3) dims.insert(dims.begin(), Dim{1, 1, 1, 1, 0, 1});
  return dims;
}

// Y = B, then Y[n, g * Mg + mg, i * s + k * d - pad_begin] += X[n, c, i] * W[c, mg, k].
std::vector<double> NaiveConvTranspose(const ConvTransposeCase& c, const std::vector<double>& x,
                                       const std::vector<double>& w, const std::vector<double>& b, Shape* y_shape) {
  const std::vector<Dim> g = Geometry(c);
  const int64_t batch = c.x[0];
  const int64_t channels = c.x[1];
  const int64_t cg_count = channels / c.group;
  const int64_t mg_count = c.filters_per_group;
  const int64_t filters = mg_count * c.group;
  *y_shape = {batch, filters};
  for (size_t d = 3 - c.kernel.size(); d < 3; ++d) y_shape->push_back(g[d].out);
  const int64_t out_plane = g[0].out * g[1].out * g[2].out;
  std::vector<double> y(static_cast<size_t>(batch * filters * out_plane));
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t m = 0; m < filters; ++m) {
      for (int64_t i = 0; i < out_plane; ++i) y[(n * filters + m) * out_plane + i] = c.bias ? b[m] : 0.0;
    }
  }
  int64_t xi = 0;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t ch = 0; ch < channels; ++ch) {
      for (int64_t i0 = 0; i0 < g[0].in; ++i0) {
        for (int64_t i1 = 0; i1 < g[1].in; ++i1) {
          for (int64_t i2 = 0; i2 < g[2].in; ++i2, ++xi) {
            for (int64_t mg = 0; mg < mg_count; ++mg) {
              const int64_t m = (ch / cg_count) * mg_count + mg;
              for (int64_t k0 = 0; k0 < g[0].kernel; ++k0) {
                for (int64_t k1 = 0; k1 < g[1].kernel; ++k1) {
                  for (int64_t k2 = 0; k2 < g[2].kernel; ++k2) {
                    const int64_t o0 = i0 * g[0].stride + k0 * g[0].dilation - g[0].pad_begin;
                    const int64_t o1 = i1 * g[1].stride + k1 * g[1].dilation - g[1].pad_begin;
                    const int64_t o2 = i2 * g[2].stride + k2 * g[2].dilation - g[2].pad_begin;
                    if (o0 < 0 || o0 >= g[0].out || o1 < 0 || o1 >= g[1].out || o2 < 0 || o2 >= g[2].out) continue;
                    const int64_t wi =
                        (((ch * mg_count + mg) * g[0].kernel + k0) * g[1].kernel + k1) * g[2].kernel + k2;
                    const int64_t yi = (((n * filters + m) * g[0].out + o0) * g[1].out + o1) * g[2].out + o2;
                    y[yi] += static_cast<double>(x[xi]) * w[wi];
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  // Rounded to float32, as the kernel's output is.
  std::vector<double> rounded;
  for (double v : y) rounded.push_back(static_cast<float>(v));
  return rounded;
}

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const ConvTransposeCase& c, std::ostream* os) { *os << c.name; }

class ConvTransposeGridTest : public ::testing::TestWithParam<ConvTransposeCase> {};

TEST_P(ConvTransposeGridTest, MatchesDirectScatter) {
  const ConvTransposeCase& c = GetParam();
  Shape w_shape = {c.x[1], c.filters_per_group};
  for (int64_t k : c.kernel) w_shape.push_back(k);
  const int64_t filters = c.filters_per_group * c.group;
  const std::vector<double> x = RandomValues(NumElements(c.x), 4);
  const std::vector<double> w = RandomValues(NumElements(w_shape), 5);
  const std::vector<double> b = RandomValues(filters, 6);

  OpTester t("ConvTranspose", 11);
  t.Input(DType::kFloat32, c.x, x).Known(DType::kFloat32, w_shape, w);
  if (c.bias) t.Known(DType::kFloat32, {filters}, b);
  if (c.group != 1) t.Attr("group", c.group);
  if (!c.strides.empty()) t.Ints("strides", c.strides);
  if (!c.dilations.empty()) t.Ints("dilations", c.dilations);
  if (!c.pads.empty()) t.Ints("pads", c.pads);
  if (!c.output_padding.empty()) t.Ints("output_padding", c.output_padding);
  if (!c.output_shape.empty()) t.Ints("output_shape", c.output_shape);
  if (!c.auto_pad.empty()) t.Attr("auto_pad", c.auto_pad);
  t.Output(DType::kFloat32);

  Shape y_shape;
  const std::vector<double> expected = NaiveConvTranspose(c, x, w, b, &y_shape);
  ExpectNear(t.Run(), y_shape, expected, 1e-4);
}

std::vector<ConvTransposeCase> ConvTransposeCases() {
  std::vector<ConvTransposeCase> cases;
  auto add = [&](ConvTransposeCase c) { cases.push_back(std::move(c)); };
  add({"ct1d_stride_output_padding", {2, 3, 5}, 2, 1, {3}, {2}, {}, {}, {1}, {}, "", true});
  add({"ct2d_groups_everything", {1, 4, 4, 5}, 3, 2, {3, 2}, {2, 3}, {2, 1}, {1, 0, 0, 2}, {1, 0}, {}, "", true});
  add({"ct2d_depthwise", {1, 3, 4, 4}, 1, 3, {3, 3}, {2, 2}, {}, {1, 1, 1, 1}, {}, {}, "", false});
  add({"ct2d_output_shape", {1, 2, 3, 4}, 2, 1, {3, 3}, {2, 2}, {}, {}, {}, {8, 9}, "", false});
  add({"ct2d_output_shape_full_rank", {1, 2, 3, 4}, 2, 1, {3, 3}, {2, 2}, {}, {}, {}, {1, 2, 5, 8}, "", false});
  add({"ct2d_same_upper_odd", {1, 2, 3, 4}, 2, 1, {3, 3}, {2, 2}, {}, {}, {}, {}, "SAME_UPPER", true});
  add({"ct2d_same_lower_odd", {1, 2, 3, 4}, 2, 1, {3, 3}, {2, 2}, {}, {}, {}, {}, "SAME_LOWER", true});
  add({"ct2d_stride_beyond_kernel", {1, 1, 3, 3}, 1, 1, {2, 2}, {3, 3}, {}, {}, {}, {}, "", false});
  add({"ct3d_mixed", {1, 2, 3, 2, 4}, 2, 1, {2, 3, 2}, {2, 1, 2}, {1, 2, 1}, {0, 1, 1, 1, 0, 0}, {}, {}, "", true});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Grid, ConvTransposeGridTest, ::testing::ValuesIn(ConvTransposeCases()),
                         [](const ::testing::TestParamInfo<ConvTransposeCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(ConvTransposeTest, CostCountsMacsPerInput) {
  OpTester t("ConvTranspose", 11);
  t.Input(DType::kFloat32, {1, 4, 3, 3}, RandomValues(36, 1))
      .Known(DType::kFloat32, {4, 3, 2, 2}, RandomValues(48, 2))
      .Attr("group", int64_t{2});
  t.Output(DType::kFloat32);
  ASSERT_TRUE(t.Create().ok());
  // N * C * in(3x3) * M/group * kernel(2x2).
  EXPECT_EQ(t.session().node_reports()[0].cost.macs, 1 * 4 * 9 * 3 * 4);
}

TEST(ConvTransposeTest, RejectsInconsistentShapesAndAttributes) {
  const Tensor x = Info(DType::kFloat32, {1, 4, 5, 5});
  const Tensor w = Info(DType::kFloat32, {4, 3, 3, 3});
  EXPECT_TRUE(InferOp("ConvTranspose", 11, {x, w}).ok());
  // W's first dim must be C.
  EXPECT_EQ(InferOp("ConvTranspose", 11, {x, Info(DType::kFloat32, {2, 3, 3, 3})}).code(), ErrorCode::kInvalidArgument);
  // Bias must have M = W[1] * group entries.
  Attributes group2;
  group2.Set("group", IntAttribute(2));
  EXPECT_TRUE(InferOp("ConvTranspose", 11, {x, w, Info(DType::kFloat32, {6})}, group2).ok());
  EXPECT_EQ(InferOp("ConvTranspose", 11, {x, w, Info(DType::kFloat32, {3})}, group2).code(),
            ErrorCode::kInvalidArgument);
  // output_padding must stay below the stride (or the dilation).
  Attributes output_padding;
  output_padding.Set("strides", IntsAttribute({2, 2}));
  output_padding.Set("output_padding", IntsAttribute({2, 0}));
  EXPECT_EQ(InferOp("ConvTranspose", 11, {x, w}, output_padding).code(), ErrorCode::kInvalidArgument);
  // output_shape with the wrong number of values.
  Attributes output_shape;
  output_shape.Set("output_shape", IntsAttribute({7, 7, 7}));
  EXPECT_EQ(InferOp("ConvTranspose", 11, {x, w}, output_shape).code(), ErrorCode::kInvalidArgument);
  // Pads that leave no output.
  Attributes pads;
  pads.Set("pads", IntsAttribute({4, 4, 3, 3}));
  EXPECT_EQ(InferOp("ConvTranspose", 11, {x, w}, pads).code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench::testing
