#include "runtime/quant/qdq_fusion.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/support/qdq_model_builder.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::OpTypes;
using testing::QdqModelBuilder;
using Strings = std::vector<std::string>;

// Output 0 of `model` on `inputs`, through the real loader (checker and shape
// inference) and a ref session.
Tensor RunModel(const onnx::ModelProto& model, const std::vector<Tensor>& inputs) {
  auto loaded = LoadModelFromBytes(testing::Serialize(model), "", "qdq.onnx");
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  if (!loaded.ok()) return Tensor();
  auto session = Session::Create(*loaded);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  if (!session.ok()) return Tensor();
  const Status run = (*session)->Run(inputs);
  EXPECT_TRUE(run.ok()) << run.ToString();
  auto copy = (*session)->output(0).Clone();
  return copy.ok() ? std::move(copy).value() : Tensor();
}

Tensor RandomInput(const Shape& shape, float range, uint32_t seed) {
  auto values = testing::RandomValues(NumElements(shape), seed);
  for (double& v : values) v *= range;
  return testing::MakeTensor(DType::kFloat32, shape, values);
}

// The fused model's output equals the QDQ model's within one quantization
// step. Both see the same quantized inputs and weights; the QDQ model sums
// their dequantized products in float32 (rounding at every add) before the
// QuantizeLinear rounds to the grid, while the integer kernel sums exactly in
// int32 and requantizes once. The two values before the final rounding differ
// by float rounding only, which moves the result to the neighbouring step
// when it sits next to a rounding boundary, and never further.
void ExpectFusedWithinOneStep(const onnx::ModelProto& qdq, const onnx::ModelProto& fused,
                              const std::vector<Tensor>& inputs) {
  const Tensor expected = RunModel(qdq, inputs);
  const Tensor actual = RunModel(fused, inputs);
  ASSERT_EQ(actual.dtype(), expected.dtype());
  ASSERT_EQ(actual.shape(), expected.shape());
  const auto a = testing::ValuesAsDoubles(actual);
  const auto e = testing::ValuesAsDoubles(expected);
  ASSERT_FALSE(a.empty());
  // Not a vacuous comparison: the outputs span more than a few levels.
  EXPECT_GT(*std::max_element(e.begin(), e.end()) - *std::min_element(e.begin(), e.end()), 20.0);
  double max_diff = 0;
  int64_t differing = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    max_diff = std::max(max_diff, std::abs(a[i] - e[i]));
    differing += a[i] != e[i];
  }
  EXPECT_LE(max_diff, 1.0) << differing << " of " << a.size() << " elements differ";
  // Boundary cases are rare: most elements must agree exactly.
  EXPECT_LE(differing, static_cast<int64_t>(a.size() / 20 + 1));
}

// The model as torch.onnx.export (1.13) writes a quantized PyTorch model
// (see suites/data/digits/README.md): every initializer a Constant node, an
// int32 zero point as Cast(ConstantOfShape(Constant shape)), a Cast to its
// own type after every QuantizeLinear read by a node, and an Identity on the
// scale of every DequantizeLinear of an activation.
onnx::ModelProto TorchExportForm(const onnx::ModelProto& model) {
  onnx::ModelProto out = model;
  onnx::GraphProto& g = *out.mutable_graph();
  g.clear_node();
  std::map<std::string, int> types;
  for (const auto& init : model.graph().initializer()) {
    types[init.name()] = init.data_type();
    if (init.data_type() == onnx::TensorProto::INT32 && init.name().find("_zero_point") != std::string::npos) {
      onnx::NodeProto* shape = testing::AddNode(out, "Constant", {}, {init.name() + "_shape"}, init.name() + "_shape");
      onnx::TensorProto* dims = testing::AddAttribute(shape, "value", onnx::AttributeProto::TENSOR)->mutable_t();
      dims->set_data_type(onnx::TensorProto::INT64);
      dims->add_dims(init.dims_size());
      for (int64_t d : init.dims()) dims->add_int64_data(d);
      onnx::NodeProto* fill = testing::AddNode(out, "ConstantOfShape", {init.name() + "_shape"},
                                               {init.name() + "_fill"}, init.name() + "_fill");
      onnx::TensorProto* zero = testing::AddAttribute(fill, "value", onnx::AttributeProto::TENSOR)->mutable_t();
      zero->set_data_type(onnx::TensorProto::INT32);
      zero->add_dims(1);
      zero->add_int32_data(0);
      QdqModelBuilder::IntAttr(testing::AddNode(out, "Cast", {init.name() + "_fill"}, {init.name()}, init.name()),
                               "to", onnx::TensorProto::INT32);
      continue;
    }
    onnx::NodeProto* constant = testing::AddNode(out, "Constant", {}, {init.name()}, init.name() + "_constant");
    *testing::AddAttribute(constant, "value", onnx::AttributeProto::TENSOR)->mutable_t() = init;
  }
  g.clear_initializer();
  std::map<std::string, std::string> renamed;  // a Q's output -> its Cast's
  for (const auto& original : model.graph().node()) {
    onnx::NodeProto node = original;
    for (int slot = 0; slot < node.input_size(); ++slot) {
      if (renamed.count(node.input(slot)) > 0) node.set_input(slot, renamed[node.input(slot)]);
    }
    if (node.op_type() == "DequantizeLinear" && types.count(node.input(0)) == 0) {
      testing::AddNode(out, "Identity", {node.input(1)}, {node.name() + "_scale"}, node.name() + "_identity");
      node.set_input(1, node.name() + "_scale");
    }
    *g.add_node() = node;
    if (node.op_type() == "QuantizeLinear") {
      const std::string q = node.output(0);
      const int type = node.input_size() > 2 ? types[node.input(2)] : onnx::TensorProto::UINT8;
      bool read = false;
      for (const auto& reader : model.graph().node()) {
        read = read || std::count(reader.input().begin(), reader.input().end(), q) > 0;
      }
      if (!read) continue;
      renamed[q] = q + "_cast";
      QdqModelBuilder::IntAttr(testing::AddNode(out, "Cast", {q}, {q + "_cast"}, q + "_cast"), "to", type);
    }
  }
  return out;
}

QdqFusionReport Fuse(onnx::ModelProto& model);

// The torch export form fuses as its canonical form does, to the same ops, and
// the result agrees with the exported (unfused) graph within one step.
void ExpectTorchFormFuses(const onnx::ModelProto& qdq, const Strings& fused_ops, const std::vector<Tensor>& inputs) {
  const onnx::ModelProto exported = TorchExportForm(qdq);
  onnx::ModelProto fused = exported;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), fused_ops);
  EXPECT_EQ(report.total_kept_float(), 0);
  EXPECT_EQ(report.canonical_form.constants_to_initializers, qdq.graph().initializer_size());
  EXPECT_GT(report.canonical_form.bypassed, 0);
  ExpectFusedWithinOneStep(exported, fused, inputs);
}

QdqFusionReport Fuse(onnx::ModelProto& model) {
  QdqFusionReport report;
  const Status status = FuseQdq(model, &report);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return report;
}

bool HasInitializer(const onnx::ModelProto& model, const std::string& name) {
  const auto& inits = model.graph().initializer();
  return std::any_of(inits.begin(), inits.end(), [&](const auto& t) { return t.name() == name; });
}

// x [1, 3, 8, 8] -> Q/DQ (uint8) -> Conv 3x3 (4 out, pad 1) [-> clamp] -> Q -> "y".
struct ConvCase {
  std::vector<float> weight_scales = {0.01f};
  bool bias = true;
  std::string clamp;        // "", "Relu" or "Clip"
  int32_t y_zero_point = 128;
  int64_t group = 1;
  int64_t channels = 3;
  int64_t out_channels = 4;
};

onnx::ModelProto MakeConvModel(const ConvCase& c) {
  QdqModelBuilder b;
  const float x_scale = 0.02f;
  const std::string x = b.QuantDequant(b.Input("x", {1, c.channels, 8, 8}), x_scale, 128, DType::kUInt8);
  const std::string w = b.Weight("w", {c.out_channels, c.channels / c.group, 3, 3}, c.weight_scales, 0);
  Strings inputs = {x, w};
  if (c.bias) {
    std::vector<float> bias_scales;
    for (float s : c.weight_scales) bias_scales.push_back(x_scale * s);
    inputs.push_back(b.Int32Bias("b", c.out_channels, bias_scales));
  }
  auto* conv = b.Node("Conv", "conv", inputs);
  QdqModelBuilder::IntsAttr(conv, "pads", {1, 1, 1, 1});
  QdqModelBuilder::IntAttr(conv, "group", c.group);
  std::string y = QdqModelBuilder::OutputOf(conv);
  if (c.clamp == "Relu") y = QdqModelBuilder::OutputOf(b.Node("Relu", "relu", {y}));
  if (c.clamp == "Clip") {
    const std::string lo = b.FloatConstant("clip_min", {}, 0.0f);
    y = QdqModelBuilder::OutputOf(b.Node("Clip", "clip", {y, lo}));
  }
  const auto yp = b.QuantParams("y", {0.08f}, {c.y_zero_point}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {y, yp.scale, yp.zero_point}, "y");
  b.Output("y", DType::kUInt8, {1, c.out_channels, 8, 8});
  return b.model();
}

TEST(QdqFusionTest, ConvPerTensorWithBiasBecomesQLinearConv) {
  const onnx::ModelProto qdq = MakeConvModel({});
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearConv"}));
  const auto& node = fused.graph().node(1);
  EXPECT_EQ(node.name(), "conv");
  EXPECT_EQ(node.output(0), "y");
  EXPECT_EQ(node.input_size(), 9);
  EXPECT_EQ(node.input(0), "x_q");
  EXPECT_EQ(node.input(3), "w");
  EXPECT_EQ(node.input(8), "b");  // bias scale is x_scale * w_scale: reused as is
  ASSERT_NE(report.Find("Conv"), nullptr);
  EXPECT_EQ(report.Find("Conv")->fused, 1);
  EXPECT_EQ(report.total_kept_float(), 0);
  EXPECT_EQ(report.removed_nodes, 4);  // three DQs and the Q
  // The fused node reads the DQs' scales; the bias DQ's parameters are orphaned and go.
  EXPECT_EQ(node.input(1), "x_q_scale");
  EXPECT_TRUE(HasInitializer(fused, "x_q_scale"));
  EXPECT_FALSE(HasInitializer(fused, "b_scale"));
  EXPECT_FALSE(HasInitializer(fused, "b_zero_point"));
  ExpectFusedWithinOneStep(qdq, fused, {RandomInput({1, 3, 8, 8}, 2.0f, 11)});
}

TEST(QdqFusionTest, ConvPerChannelWeightsAndBias) {
  ConvCase c;
  c.weight_scales = {0.004f, 0.01f, 0.02f, 0.007f};
  const onnx::ModelProto qdq = MakeConvModel(c);
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearConv"}));
  EXPECT_EQ(report.Find("Conv")->fused, 1);
  ExpectFusedWithinOneStep(qdq, fused, {RandomInput({1, 3, 8, 8}, 2.0f, 12)});
}

TEST(QdqFusionTest, DepthwiseConv) {
  ConvCase c;
  c.channels = c.out_channels = c.group = 4;
  c.weight_scales = {0.01f, 0.02f, 0.015f, 0.03f};
  const onnx::ModelProto qdq = MakeConvModel(c);
  onnx::ModelProto fused = qdq;
  Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearConv"}));
  ExpectFusedWithinOneStep(qdq, fused, {RandomInput({1, 4, 8, 8}, 2.0f, 13)});
}

TEST(QdqFusionTest, ConvReluAbsorbedWhenZeroPointIsTheMinimum) {
  for (const char* clamp : {"Relu", "Clip"}) {
    ConvCase c;
    c.clamp = clamp;
    c.y_zero_point = 0;
    const onnx::ModelProto qdq = MakeConvModel(c);
    onnx::ModelProto fused = qdq;
    const QdqFusionReport report = Fuse(fused);
    EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearConv"})) << clamp;
    EXPECT_EQ(report.removed_nodes, 5) << clamp;  // three DQs, the clamp and the Q
    ExpectFusedWithinOneStep(qdq, fused, {RandomInput({1, 3, 8, 8}, 2.0f, 14)});
  }
}

TEST(QdqFusionTest, ConvReluKeptWhenZeroPointIsNotTheMinimum) {
  ConvCase c;
  c.clamp = "Relu";
  const onnx::ModelProto qdq = MakeConvModel(c);
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), OpTypes(qdq));
  const auto* conv = report.Find("Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->kept_float, 1);
  ASSERT_EQ(conv->reasons.size(), 1u);
  EXPECT_NE(conv->reasons[0].find("Relu 'relu' clamps inside the range"), std::string::npos) << conv->reasons[0];
  EXPECT_EQ(report.removed_nodes, 0);
}

TEST(QdqFusionTest, FloatOutputThatIsAGraphOutputStaysFloat) {
  onnx::ModelProto qdq = MakeConvModel({});
  testing::AddOutput(qdq, "conv_out", {1, 4, 8, 8});
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), OpTypes(qdq));
  ASSERT_EQ(report.Find("Conv")->reasons.size(), 1u);
  EXPECT_NE(report.Find("Conv")->reasons[0].find("'conv_out' is a graph output"), std::string::npos);
}

TEST(QdqFusionTest, NonConstantWeightsStayFloat) {
  QdqModelBuilder b;
  const std::string x = b.QuantDequant(b.Input("x", {1, 2, 4, 4}), 0.02f, 128, DType::kUInt8);
  const std::string w = b.QuantDequant(b.Input("w", {2, 2, 1, 1}), 0.01f, 0, DType::kInt8);
  auto* conv = b.Node("Conv", "conv", {x, w});
  const auto yp = b.QuantParams("y", {0.05f}, {128}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(conv), yp.scale, yp.zero_point}, "y");
  b.Output("y", DType::kUInt8, {1, 2, 4, 4});
  const QdqFusionReport report = Fuse(b.model());
  EXPECT_EQ(report.Find("Conv")->kept_float, 1);
  EXPECT_NE(report.Find("Conv")->reasons[0].find("weight 'w_q' is not a constant"), std::string::npos)
      << report.Find("Conv")->reasons[0];
}

// a [2, 3, 8] -> Q/DQ -> MatMul with b [8, 6] -> Q -> "y".
onnx::ModelProto MakeMatMulModel(const std::vector<float>& b_scales) {
  QdqModelBuilder b;
  const std::string a = b.QuantDequant(b.Input("a", {2, 3, 8}), 0.02f, 128, DType::kUInt8);
  const std::string w = b.Weight("b", {8, 6}, b_scales, 1);
  auto* matmul = b.Node("MatMul", "matmul", {a, w});
  const auto yp = b.QuantParams("y", {0.05f}, {128}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(matmul), yp.scale, yp.zero_point}, "y");
  b.Output("y", DType::kUInt8, {2, 3, 6});
  return b.model();
}

TEST(QdqFusionTest, MatMulBecomesQLinearMatMul) {
  const std::vector<std::vector<float>> scale_sets = {{0.01f}, {0.01f, 0.02f, 0.005f, 0.01f, 0.03f, 0.015f}};
  for (const auto& scales : scale_sets) {
    const onnx::ModelProto qdq = MakeMatMulModel(scales);
    onnx::ModelProto fused = qdq;
    const QdqFusionReport report = Fuse(fused);
    EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearMatMul"})) << scales.size() << " b scales";
    EXPECT_EQ(report.Find("MatMul")->fused, 1);
    ExpectFusedWithinOneStep(qdq, fused, {RandomInput({2, 3, 8}, 2.0f, 21)});
  }
}

TEST(QdqFusionTest, Int8ActivationsNeedInt8Weights) {
  for (DType weight_type : {DType::kInt8, DType::kUInt8}) {
    QdqModelBuilder b;
    const std::string a = b.QuantDequant(b.Input("a", {3, 8}), 0.02f, 0, DType::kInt8);
    const std::string w = b.Weight("b", {8, 6}, {0.01f}, 1, weight_type);
    auto* matmul = b.Node("MatMul", "matmul", {a, w});
    const auto yp = b.QuantParams("y", {0.05f}, {0}, DType::kInt8);
    b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(matmul), yp.scale, yp.zero_point}, "y");
    b.Output("y", DType::kInt8, {3, 6});
    const onnx::ModelProto qdq = b.model();
    onnx::ModelProto fused = qdq;
    const QdqFusionReport report = Fuse(fused);
    if (weight_type == DType::kInt8) {
      EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearMatMul"}));
      ExpectFusedWithinOneStep(qdq, fused, {RandomInput({3, 8}, 2.0f, 22)});
    } else {
      EXPECT_EQ(OpTypes(fused), OpTypes(qdq));
      EXPECT_EQ(report.Find("MatMul")->reasons, (Strings{"MatMul 'matmul': int8 input with UINT8 weights"}));
    }
  }
}

// a [3, 8] -> Q/DQ -> Gemm(transB) with b [6, 8] per output channel and a bias -> Q -> "y".
onnx::ModelProto MakeGemmModel(bool int32_bias, float alpha, float beta) {
  QdqModelBuilder b;
  const float a_scale = 0.02f;
  const std::vector<float> b_scales = {0.01f, 0.02f, 0.005f, 0.01f, 0.03f, 0.015f};
  const std::string a = b.QuantDequant(b.Input("a", {3, 8}), a_scale, 128, DType::kUInt8);
  const std::string w = b.Weight("b", {6, 8}, b_scales, 0);
  std::vector<float> c_scales;
  for (float s : b_scales) c_scales.push_back(a_scale * s);
  const std::string c = int32_bias ? b.Int32Bias("c", 6, c_scales) : b.FloatConstant("c", {6}, 1.0f);
  auto* gemm = b.Node("Gemm", "gemm", {a, w, c});
  QdqModelBuilder::IntAttr(gemm, "transB", 1);
  if (alpha != 1.0f) QdqModelBuilder::FloatAttr(gemm, "alpha", alpha);
  if (beta != 1.0f) QdqModelBuilder::FloatAttr(gemm, "beta", beta);
  const auto yp = b.QuantParams("y", {0.05f}, {128}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(gemm), yp.scale, yp.zero_point}, "y");
  b.Output("y", DType::kUInt8, {3, 6});
  return b.model();
}

TEST(QdqFusionTest, GemmTransBBecomesQGemm) {
  const onnx::ModelProto qdq = MakeGemmModel(true, 1.0f, 1.0f);
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QGemm"}));
  EXPECT_EQ(fused.graph().node(1).domain(), "com.microsoft");
  EXPECT_EQ(fused.graph().node(1).input(6), "c");
  const auto& imports = fused.opset_import();
  EXPECT_TRUE(std::any_of(imports.begin(), imports.end(),
                          [](const auto& op) { return op.domain() == "com.microsoft" && op.version() == 1; }));
  EXPECT_EQ(report.Find("Gemm")->fused, 1);
  ExpectFusedWithinOneStep(qdq, fused, {RandomInput({3, 8}, 2.0f, 31)});
}

TEST(QdqFusionTest, GemmFloatBiasWithAlphaAndBetaIsRequantized) {
  const onnx::ModelProto qdq = MakeGemmModel(false, 0.5f, 2.0f);
  onnx::ModelProto fused = qdq;
  Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QGemm"}));
  EXPECT_EQ(fused.graph().node(1).input(6), "c_int32");
  EXPECT_FALSE(HasInitializer(fused, "c"));  // the float bias is orphaned
  ExpectFusedWithinOneStep(qdq, fused, {RandomInput({3, 8}, 2.0f, 32)});
}

TEST(QdqFusionTest, TorchExportFormOfConvReluFuses) {
  ConvCase c;
  c.weight_scales = {0.004f, 0.01f, 0.02f, 0.007f};
  c.clamp = "Relu";
  c.y_zero_point = 0;
  ExpectTorchFormFuses(MakeConvModel(c), {"QuantizeLinear", "QLinearConv"}, {RandomInput({1, 3, 8, 8}, 2.0f, 71)});
}

TEST(QdqFusionTest, TorchExportFormOfGemmFuses) {
  ExpectTorchFormFuses(MakeGemmModel(true, 1.0f, 1.0f), {"QuantizeLinear", "QGemm"}, {RandomInput({3, 8}, 2.0f, 72)});
}

TEST(QdqFusionTest, TorchExportFormFoldsBiasZeroPointsAndBypassesCasts) {
  ConvCase c;
  c.weight_scales = {0.004f, 0.01f, 0.02f, 0.007f};
  const onnx::ModelProto exported = TorchExportForm(MakeConvModel(c));
  onnx::ModelProto fused = exported;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QLinearConv"}));
  EXPECT_EQ(report.canonical_form.folded, 1);  // the bias zero point's ConstantOfShape
  // The x DQ's Identity, the Cast after x's Q, and the int32 Cast of the
  // ConstantOfShape's int32 output.
  EXPECT_EQ(report.canonical_form.bypassed, 3);
  EXPECT_EQ(fused.graph().node(1).input(8), "b");  // the int32 bias, reused as is
}

TEST(QdqFusionTest, MaxPoolWithEqualParamsRunsOnTheQuantizedTensor) {
  QdqModelBuilder b;
  const std::string x = b.QuantDequant(b.Input("x", {1, 2, 6, 6}), 0.02f, 128, DType::kUInt8);
  auto* pool = b.Node("MaxPool", "pool", {x});
  QdqModelBuilder::IntsAttr(pool, "kernel_shape", {2, 2});
  QdqModelBuilder::IntsAttr(pool, "strides", {2, 2});
  const auto yp = b.QuantParams("y", {0.02f}, {128}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(pool), yp.scale, yp.zero_point}, "y");
  b.Output("y", DType::kUInt8, {1, 2, 3, 3});
  const onnx::ModelProto qdq = b.model();
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "MaxPool"}));
  EXPECT_EQ(fused.graph().node(1).input(0), "x_q");
  EXPECT_EQ(report.Find("MaxPool")->fused, 1);
  const std::vector<Tensor> inputs = {RandomInput({1, 2, 6, 6}, 2.0f, 41)};
  const Tensor expected = RunModel(qdq, inputs);
  const Tensor actual = RunModel(fused, inputs);
  EXPECT_EQ(testing::ValuesAsDoubles(actual), testing::ValuesAsDoubles(expected));  // exact
}

// Two Q/DQ inputs with scales a_scale and b_scale -> Concat -> Q(scale 0.02).
onnx::ModelProto MakeConcatModel(float a_scale, float b_scale) {
  QdqModelBuilder b;
  const std::string a = b.QuantDequant(b.Input("a", {1, 2, 4}), a_scale, 128, DType::kUInt8);
  const std::string c = b.QuantDequant(b.Input("c", {1, 3, 4}), b_scale, 128, DType::kUInt8);
  auto* concat = b.Node("Concat", "concat", {a, c});
  QdqModelBuilder::IntAttr(concat, "axis", 1);
  const auto yp = b.QuantParams("y", {0.02f}, {128}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(concat), yp.scale, yp.zero_point}, "y");
  b.Output("y", DType::kUInt8, {1, 5, 4});
  return b.model();
}

TEST(QdqFusionTest, ConcatFusedOnlyWithEqualParams) {
  const onnx::ModelProto equal = MakeConcatModel(0.02f, 0.02f);
  onnx::ModelProto fused = equal;
  EXPECT_EQ(Fuse(fused).Find("Concat")->fused, 1);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "QuantizeLinear", "Concat"}));
  const std::vector<Tensor> inputs = {RandomInput({1, 2, 4}, 2.0f, 51), RandomInput({1, 3, 4}, 2.0f, 52)};
  EXPECT_EQ(testing::ValuesAsDoubles(RunModel(fused, inputs)), testing::ValuesAsDoubles(RunModel(equal, inputs)));

  onnx::ModelProto unequal = MakeConcatModel(0.02f, 0.03f);
  const QdqFusionReport report = Fuse(unequal);
  EXPECT_EQ(OpTypes(unequal), OpTypes(MakeConcatModel(0.02f, 0.03f)));
  ASSERT_EQ(report.Find("Concat")->kept_float, 1);
  EXPECT_NE(report.Find("Concat")->reasons[0].find("'c_q' and the output differ"), std::string::npos)
      << report.Find("Concat")->reasons[0];
}

TEST(QdqFusionTest, DequantizeReadTwiceStaysForTheFloatReader) {
  QdqModelBuilder b;
  const std::string x = b.QuantDequant(b.Input("x", {1, 2, 4}), 0.02f, 128, DType::kUInt8);
  auto* pool = b.Node("MaxPool", "pool", {x});
  QdqModelBuilder::IntsAttr(pool, "kernel_shape", {2});
  const auto yp = b.QuantParams("y", {0.02f}, {128}, DType::kUInt8);
  b.Node("QuantizeLinear", "y_quantize", {QdqModelBuilder::OutputOf(pool), yp.scale, yp.zero_point}, "y");
  b.Node("Sigmoid", "sigmoid", {x}, "s");
  b.Output("y", DType::kUInt8, {1, 2, 3});
  b.Output("s", DType::kFloat32, {1, 2, 4});
  const onnx::ModelProto qdq = b.model();
  onnx::ModelProto fused = qdq;
  const QdqFusionReport report = Fuse(fused);
  EXPECT_EQ(OpTypes(fused), (Strings{"QuantizeLinear", "DequantizeLinear", "MaxPool", "Sigmoid"}));
  EXPECT_EQ(fused.graph().node(2).input(0), "x_q");
  EXPECT_EQ(fused.graph().node(3).input(0), "x_q_dq");
  EXPECT_EQ(report.Find("MaxPool")->fused, 1);
  ASSERT_NE(report.Find("Sigmoid"), nullptr);
  EXPECT_EQ(report.Find("Sigmoid")->kept_float, 1);
  EXPECT_EQ(report.Find("Sigmoid")->reasons, (Strings{"Sigmoid 'sigmoid': no integer kernel for Sigmoid"}));
  EXPECT_EQ(report.removed_nodes, 1);  // the Q; the DQ stays for the Sigmoid
  const std::vector<Tensor> inputs = {RandomInput({1, 2, 4}, 2.0f, 61)};
  EXPECT_EQ(testing::ValuesAsDoubles(RunModel(fused, inputs)), testing::ValuesAsDoubles(RunModel(qdq, inputs)));
}

}  // namespace
}  // namespace edgebench
