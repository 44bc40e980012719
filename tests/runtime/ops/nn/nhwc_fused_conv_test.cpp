// ai.edgebench NhwcFusedConv: on a fixed-seed grid of Conv geometries,
// activations and with or without B and Z, its output is the NHWC transpose of
// what the FusedConv ref op computes on the NCHW inputs, bit for bit (its ref
// kernel runs FusedConv's on transposed copies, so the arithmetic is the same);
// its cost is FusedConv's; it refuses a 3-D X and a Z of another shape.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/ops/op_registry.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/op_tester.h"
#include "tests/support/tensor_values.h"

namespace edgebench {
namespace {

using testing::IntAttribute;
using testing::IntsAttribute;
using testing::StringAttribute;

constexpr int64_t kOpset = 1;  // both com.microsoft FusedConv and ai.edgebench NhwcFusedConv are version 1

Attribute FloatsAttribute(const std::vector<float>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kFloats;
  a.floats = values;
  return a;
}

// Values in [-1, 1) from a fixed seed.
Tensor RandomTensor(const Shape& shape, uint32_t seed) {
  return testing::MakeTensor(DType::kFloat32, shape, testing::RandomValues(NumElements(shape), seed));
}

// out[i0, i1, i2, i3] = in at the index whose dim perm[k] is i_k (numpy's
// transpose): {0, 3, 1, 2} takes NHWC to NCHW, {0, 2, 3, 1} NCHW to NHWC.
Tensor Permute(const Tensor& in, const std::vector<int>& perm) {
  const Shape& s = in.shape();
  const Shape out_shape = {s[perm[0]], s[perm[1]], s[perm[2]], s[perm[3]]};
  Tensor out = Tensor::Allocate(DType::kFloat32, out_shape).value();
  const Shape in_strides = RowMajorStrides(s);
  int64_t flat = 0;
  for (int64_t a = 0; a < out_shape[0]; ++a) {
    for (int64_t b = 0; b < out_shape[1]; ++b) {
      for (int64_t c = 0; c < out_shape[2]; ++c) {
        for (int64_t d = 0; d < out_shape[3]; ++d) {
          const int64_t src = a * in_strides[perm[0]] + b * in_strides[perm[1]] + c * in_strides[perm[2]] +
                              d * in_strides[perm[3]];
          out.data<float>()[flat++] = in.data<float>()[src];
        }
      }
    }
  }
  return out;
}

Tensor ToNchw(const Tensor& nhwc) { return Permute(nhwc, {0, 3, 1, 2}); }
Tensor ToNhwc(const Tensor& nchw) { return Permute(nchw, {0, 2, 3, 1}); }

// A node of `op_type` over inputs 0 .. n-1, a default Tensor() being a
// skipped optional input.
Node MakeNode(const std::string& domain, const std::string& op_type, const std::vector<Tensor>& inputs,
              const Attributes& attributes) {
  Node node;
  node.name = "conv";
  node.op_type = op_type;
  node.domain = domain;
  node.attributes = attributes;
  for (size_t i = 0; i < inputs.size(); ++i) {
    node.inputs.push_back(inputs[i].dtype() != DType::kUndefined ? static_cast<int>(i) : kNoValue);
  }
  node.outputs = {static_cast<int>(inputs.size())};
  return node;
}

// Infers and runs the ref op of `node` on `inputs` (W and B known at infer,
// as weights are; X and Z arriving at run) on scratch full of garbage, as in
// a session's arena, and checks that the run allocates nothing.
Expected<Tensor> RunNode(const Node& node, const std::vector<Tensor>& inputs) {
  const OpDef* op = FindRefOp(node.domain, node.op_type);
  if (op == nullptr) return NotFound("no ref op " + node.op_type);
  std::vector<const Tensor*> infos;
  std::vector<bool> known;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const bool present = inputs[i].dtype() != DType::kUndefined;
    infos.push_back(present ? &inputs[i] : nullptr);
    known.push_back(present && (i == 1 || i == 2));
  }
  InferContext ictx(node, kOpset, infos, known);
  EB_RETURN_IF_ERROR(op->infer(ictx));
  EB_ASSIGN_OR_RETURN(Tensor y, Tensor::Allocate(ictx.outputs()[0].dtype, ictx.outputs()[0].shape));
  EB_ASSIGN_OR_RETURN(Tensor scratch,
                      Tensor::Allocate(DType::kUInt8, {static_cast<int64_t>(ictx.scratch_bytes()) + 1}));
  std::fill(scratch.data<uint8_t>(), scratch.data<uint8_t>() + scratch.num_elements(), uint8_t{0xff});
  KernelContext k;
  k.node = &node;
  k.opset = kOpset;
  k.inputs = infos;
  k.outputs = {&y};
  k.state = ictx.state();
  k.scratch = scratch.raw_data();
  k.scratch_bytes = ictx.scratch_bytes();
  testing::AllocationCounter counter;
  EB_RETURN_IF_ERROR(op->run(k));
  EXPECT_EQ(counter.count(), 0) << node.op_type << " allocated in run";
  return y;
}

struct Geometry {
  int64_t batch, channels, height, width, filters, kernel, stride, dilation, group;
  std::vector<int64_t> pads;  // {top, left, bottom, right}; empty with auto_pad
  std::string auto_pad;
};

// Odd channel and filter counts, 1x1, 3x3 and 5x5 kernels, strides 1 and 2,
// asymmetric pads, dilation 2, groups of 2, a batch of 2 and SAME_UPPER.
const std::vector<Geometry>& Geometries() {
  static const std::vector<Geometry> kGeometries = {
      {1, 3, 7, 9, 5, 1, 1, 1, 1, {0, 0, 0, 0}, ""},
      {1, 5, 6, 5, 3, 1, 2, 1, 1, {0, 0, 0, 0}, ""},
      {2, 3, 8, 7, 5, 3, 1, 1, 1, {1, 0, 2, 1}, ""},
      {1, 5, 11, 10, 3, 3, 2, 2, 1, {0, 1, 1, 2}, ""},
      {2, 6, 9, 9, 4, 3, 1, 1, 2, {1, 1, 1, 1}, ""},
      {1, 3, 9, 12, 7, 5, 2, 1, 1, {2, 1, 2, 0}, ""},
      {2, 4, 13, 11, 6, 5, 1, 2, 2, {0, 2, 1, 2}, ""},
      {1, 7, 10, 9, 5, 3, 2, 1, 1, {}, "SAME_UPPER"},
  };
  return kGeometries;
}

struct Activation {
  std::string name;  // "" for none
  std::vector<float> params;
};

const std::vector<Activation>& Activations() {
  static const std::vector<Activation> kActivations = {
      {"", {}}, {"Relu", {}}, {"Clip", {-0.25f, 0.5f}}, {"HardSigmoid", {0.3f, 0.4f}}};
  return kActivations;
}

Attributes NodeAttributes(const Geometry& g, const Activation& act) {
  Attributes a;
  a.Set("kernel_shape", IntsAttribute({g.kernel, g.kernel}));
  a.Set("strides", IntsAttribute({g.stride, g.stride}));
  a.Set("dilations", IntsAttribute({g.dilation, g.dilation}));
  a.Set("group", IntAttribute(g.group));
  if (!g.pads.empty()) a.Set("pads", IntsAttribute(g.pads));
  if (!g.auto_pad.empty()) a.Set("auto_pad", StringAttribute(g.auto_pad));
  if (!act.name.empty()) a.Set("activation", StringAttribute(act.name));
  if (!act.params.empty()) a.Set("activation_params", FloatsAttribute(act.params));
  return a;
}

// Bit-equal outputs of the same shape; the first 5 differences reported.
void ExpectBitEqual(const Tensor& got, const Tensor& want, const std::string& label) {
  ASSERT_EQ(got.shape(), want.shape()) << label;
  int failures = 0;
  for (int64_t i = 0; i < want.num_elements() && failures < 5; ++i) {
    const float g = got.data<float>()[i];
    const float w = want.data<float>()[i];
    if (std::memcmp(&g, &w, sizeof(float)) != 0) {
      ADD_FAILURE() << label << " element " << i << ": got " << g << ", FusedConv " << w;
      ++failures;
    }
  }
}

// The NCHW output shape FusedConv infers for `g` (Z must have its NHWC form).
Shape NchwOutputShape(const Geometry& g, const Tensor& x_nchw, const Tensor& w) {
  const Node node = MakeNode("com.microsoft", "FusedConv", {x_nchw, w}, NodeAttributes(g, {}));
  InferContext ictx(node, kOpset, {&x_nchw, &w}, {false, true});
  const Status s = FindRefOp("com.microsoft", "FusedConv")->infer(ictx);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return ictx.outputs()[0].shape;
}

TEST(NhwcFusedConvTest, IsRegisteredInTheEdgebenchDomainOnly) {
  EXPECT_NE(FindRefOp("ai.edgebench", "NhwcFusedConv"), nullptr);
  EXPECT_EQ(FindRefOp("", "NhwcFusedConv"), nullptr);
}

TEST(NhwcFusedConvTest, IsTheNhwcTransposeOfFusedConvBitForBit) {
  uint32_t seed = 1;
  int cases = 0;
  for (const Geometry& g : Geometries()) {
    const Tensor x = RandomTensor({g.batch, g.height, g.width, g.channels}, seed++);
    const Tensor w = RandomTensor({g.filters, g.channels / g.group, g.kernel, g.kernel}, seed++);
    const Tensor b = RandomTensor({g.filters}, seed++);
    const Tensor x_nchw = ToNchw(x);
    const Shape y_nchw_shape = NchwOutputShape(g, x_nchw, w);
    const Tensor z_nchw = RandomTensor(y_nchw_shape, seed++);
    const Tensor z = ToNhwc(z_nchw);
    for (const Activation& act : Activations()) {
      for (const bool with_b : {false, true}) {
        for (const bool with_z : {false, true}) {
          const std::string label = "x " + ShapeToString(x.shape()) + " k" + std::to_string(g.kernel) + " s" +
                                    std::to_string(g.stride) + " d" + std::to_string(g.dilation) + " g" +
                                    std::to_string(g.group) + " " + (act.name.empty() ? "none" : act.name) +
                                    (with_b ? " +B" : "") + (with_z ? " +Z" : "");
          const Attributes attrs = NodeAttributes(g, act);
          const Tensor absent;
          std::vector<Tensor> nhwc_inputs = {x, w, with_b ? b : absent};
          std::vector<Tensor> nchw_inputs = {x_nchw, w, with_b ? b : absent};
          if (with_z) {
            nhwc_inputs.push_back(z);
            nchw_inputs.push_back(z_nchw);
          }
          Expected<Tensor> got =
              RunNode(MakeNode("ai.edgebench", "NhwcFusedConv", nhwc_inputs, attrs), nhwc_inputs);
          Expected<Tensor> want = RunNode(MakeNode("com.microsoft", "FusedConv", nchw_inputs, attrs), nchw_inputs);
          ASSERT_TRUE(got.ok()) << label << ": " << got.status().ToString();
          ASSERT_TRUE(want.ok()) << label << ": " << want.status().ToString();
          ExpectBitEqual(*got, ToNhwc(*want), label);
          ++cases;

          // Without an activation or Z it is a Conv in NHWC.
          if (act.name.empty() && !with_z) {
            Attributes conv_attrs = NodeAttributes(g, {});
            Expected<Tensor> conv = RunNode(MakeNode("", "Conv", nchw_inputs, conv_attrs), nchw_inputs);
            ASSERT_TRUE(conv.ok()) << label << ": " << conv.status().ToString();
            ExpectBitEqual(*got, ToNhwc(*conv), label + " vs Conv");
          }
        }
      }
    }
  }
  EXPECT_EQ(cases, static_cast<int>(Geometries().size() * Activations().size() * 4));
}

// The cost FusedConv reports on the NCHW shapes, and its closed form:
// 2 * N * OH * OW * M * C/group * kH * kW FLOPs, plus one per output each for
// B, the activation and Z; every input read once and Y written once.
TEST(NhwcFusedConvTest, CostsWhatFusedConvCostsOnTheNchwShapes) {
  const Geometry g = {2, 6, 9, 11, 4, 3, 2, 1, 2, {1, 0, 1, 2}, ""};
  const Tensor x = Tensor::View(DType::kFloat32, {2, 9, 11, 6}, nullptr);
  const Tensor x_nchw = Tensor::View(DType::kFloat32, {2, 6, 9, 11}, nullptr);
  const Tensor w = Tensor::View(DType::kFloat32, {4, 3, 3, 3}, nullptr);
  const Tensor b = Tensor::View(DType::kFloat32, {4}, nullptr);
  const Shape y_nchw_shape = {2, 4, 5, 6};  // OH = (9 + 1 - 3) / 2 + 1, OW = (11 + 2 - 3) / 2 + 1
  const Tensor y_nchw = Tensor::View(DType::kFloat32, y_nchw_shape, nullptr);
  const Tensor y = Tensor::View(DType::kFloat32, {2, 5, 6, 4}, nullptr);
  const Attributes attrs = NodeAttributes(g, {"Relu", {}});
  for (const bool with_z : {false, true}) {
    const Node nhwc_node = MakeNode("ai.edgebench", "NhwcFusedConv", {x, w, b, y}, attrs);
    const Node nchw_node = MakeNode("com.microsoft", "FusedConv", {x_nchw, w, b, y_nchw}, attrs);
    CostContext nhwc{&nhwc_node, {&x, &w, &b, with_z ? &y : nullptr}, {&y}};
    CostContext nchw{&nchw_node, {&x_nchw, &w, &b, with_z ? &y_nchw : nullptr}, {&y_nchw}};
    const OpCost got = DefaultCost(*FindRefOp("ai.edgebench", "NhwcFusedConv"), nhwc);
    const OpCost want = DefaultCost(*FindRefOp("com.microsoft", "FusedConv"), nchw);
    EXPECT_EQ(got.macs, want.macs);
    EXPECT_EQ(got.flops, want.flops);
    EXPECT_EQ(got.bytes_read, want.bytes_read);
    EXPECT_EQ(got.bytes_written, want.bytes_written);

    const int64_t outputs = 2 * 5 * 6 * 4;
    EXPECT_EQ(got.macs, outputs * (6 / 2) * 3 * 3);
    EXPECT_EQ(got.flops, 2 * got.macs + outputs /* B */ + outputs /* Relu */ + (with_z ? outputs : 0));
    EXPECT_EQ(got.bytes_read, 4 * (2 * 9 * 11 * 6 + 4 * 3 * 3 * 3 + 4 + (with_z ? outputs : 0)));
    EXPECT_EQ(got.bytes_written, 4 * outputs);
  }
}

Status InferNhwcFusedConv(const std::vector<Tensor>& inputs, const Attributes& attrs) {
  const Node node = MakeNode("ai.edgebench", "NhwcFusedConv", inputs, attrs);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : inputs) infos.push_back(t.dtype() != DType::kUndefined ? &t : nullptr);
  InferContext ictx(node, kOpset, infos, std::vector<bool>(inputs.size(), false));
  return FindRefOp("ai.edgebench", "NhwcFusedConv")->infer(ictx);
}

TEST(NhwcFusedConvTest, RefusesAnXThatIsNot4D) {
  const Tensor x = Tensor::View(DType::kFloat32, {1, 8, 3}, nullptr);  // a 1-D conv's [N, W, C]
  const Tensor w = Tensor::View(DType::kFloat32, {4, 3, 3}, nullptr);
  Attributes attrs;
  attrs.Set("kernel_shape", IntsAttribute({3}));
  const Status s = InferNhwcFusedConv({x, w}, attrs);
  EXPECT_TRUE(testing::IsError(s, ErrorCode::kInvalidArgument, "2-D only")) << s.ToString();
  EXPECT_NE(s.message().find("[1, 8, 3]"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("'conv'"), std::string::npos) << "names the node: " << s.ToString();
}

TEST(NhwcFusedConvTest, RefusesAZOfAnotherShapeThanY) {
  const Geometry g = {1, 3, 8, 8, 5, 3, 1, 1, 1, {1, 1, 1, 1}, ""};
  const Tensor x = Tensor::View(DType::kFloat32, {1, 8, 8, 3}, nullptr);
  const Tensor w = Tensor::View(DType::kFloat32, {5, 3, 3, 3}, nullptr);
  const Tensor absent;
  const Attributes attrs = NodeAttributes(g, {"Relu", {}});
  EXPECT_TRUE(InferNhwcFusedConv({x, w, absent, Tensor::View(DType::kFloat32, {1, 8, 8, 5}, nullptr)}, attrs).ok());

  // Z in NCHW, the likeliest mistake; Z broadcast along the batch; Z 3-D.
  for (const Shape& z_shape : {Shape{1, 5, 8, 8}, Shape{1, 1, 8, 5}, Shape{8, 8, 5}}) {
    const Status s = InferNhwcFusedConv({x, w, absent, Tensor::View(DType::kFloat32, z_shape, nullptr)}, attrs);
    EXPECT_TRUE(testing::IsError(s, ErrorCode::kInvalidArgument, "Z " + ShapeToString(z_shape))) << s.ToString();
    EXPECT_NE(s.message().find("[1, 8, 8, 5]"), std::string::npos) << "names Y's shape: " << s.ToString();
  }
}

}  // namespace
}  // namespace edgebench
