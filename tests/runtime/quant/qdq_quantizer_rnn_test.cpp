// Dynamic quantization of LSTM and GRU (runtime/quant/qdq_quantizer.h):
// the rewritten op, domain and opset import, the weights' type and layout,
// the report, and outputs close to the float model's, on hand-built models
// and on the zoo's GRU keyword spotter.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/quant/qdq_quantizer.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

// Relative L2 of 8-bit weights and per-run 8-bit activations: seen 5e-3 on
// the hand-built models and 1.1e-2 on gru_kws (printed by each test).
constexpr double kMaxRelativeL2 = 3e-2;

const onnx::TensorProto* FindInitializer(const onnx::ModelProto& model, const std::string& name) {
  for (const auto& init : model.graph().initializer()) {
    if (init.name() == name) return &init;
  }
  return nullptr;
}

bool ImportsDomain(const onnx::ModelProto& model, const std::string& domain) {
  for (const auto& op : model.opset_import()) {
    if (op.domain() == domain) return true;
  }
  return false;
}

// A bidirectional LSTM or GRU over X [seq 7, batch 2, input 9], hidden 13,
// with bias and constant W and R.
onnx::ModelProto MakeRnnModel(const std::string& op, int64_t layout = 0) {
  const int64_t seq = 7, batch = 2, input = 9, hidden = 13, dirs = 2, gates = op == "LSTM" ? 4 : 3;
  onnx::ModelProto model = MakeEmptyModel(14);
  AddInput(model, "X", DType::kFloat32, layout == 1 ? std::vector<int64_t>{batch, seq, input}
                                                    : std::vector<int64_t>{seq, batch, input});
  AddInitializer(model, "W", MakeTensor(DType::kFloat32, {dirs, gates * hidden, input},
                                        RandomValues(dirs * gates * hidden * input, 11)));
  AddInitializer(model, "R", MakeTensor(DType::kFloat32, {dirs, gates * hidden, hidden},
                                        RandomValues(dirs * gates * hidden * hidden, 12)));
  AddInitializer(model, "B", MakeTensor(DType::kFloat32, {dirs, 2 * gates * hidden},
                                        RandomValues(dirs * 2 * gates * hidden, 13)));
  onnx::NodeProto* node = AddNode(model, op, {"X", "W", "R", "B"}, {"Y", "Y_h"}, "rnn");
  AddAttribute(node, "direction", onnx::AttributeProto::STRING)->set_s("bidirectional");
  AddAttribute(node, "hidden_size", onnx::AttributeProto::INT)->set_i(hidden);
  if (layout != 0) AddAttribute(node, "layout", onnx::AttributeProto::INT)->set_i(layout);
  if (op == "GRU") AddAttribute(node, "linear_before_reset", onnx::AttributeProto::INT)->set_i(1);
  AddOutput(model, "Y", DType::kFloat32, layout == 1 ? std::vector<int64_t>{batch, seq, dirs, hidden}
                                                    : std::vector<int64_t>{seq, dirs, batch, hidden});
  AddOutput(model, "Y_h", DType::kFloat32, layout == 1 ? std::vector<int64_t>{batch, dirs, hidden}
                                                      : std::vector<int64_t>{dirs, batch, hidden});
  return model;
}

// Runs both models on the same synthetic inputs; the worst relative L2 of
// the quantized outputs against the float ones.
double CompareOutputs(const onnx::ModelProto& float_proto, const onnx::ModelProto& quantized_proto,
                      int64_t* float_weight_bytes = nullptr, int64_t* quantized_weight_bytes = nullptr) {
  auto float_model = LoadModelFromBytes(Serialize(float_proto), "", "float");
  auto quantized_model = LoadModelFromBytes(Serialize(quantized_proto), "", "quantized");
  EXPECT_TRUE(float_model.ok()) << float_model.status().ToString();
  EXPECT_TRUE(quantized_model.ok()) << quantized_model.status().ToString();
  if (!float_model.ok() || !quantized_model.ok()) return 1.0;
  auto float_session = Session::Create(*float_model);
  auto quantized_session = Session::Create(*quantized_model);
  EXPECT_TRUE(float_session.ok()) << float_session.status().ToString();
  EXPECT_TRUE(quantized_session.ok()) << quantized_session.status().ToString();
  if (!float_session.ok() || !quantized_session.ok()) return 1.0;
  if (float_weight_bytes) *float_weight_bytes = static_cast<int64_t>((*float_session)->weight_bytes());
  if (quantized_weight_bytes) *quantized_weight_bytes = static_cast<int64_t>((*quantized_session)->weight_bytes());
  auto input = MakeSyntheticInput(DType::kFloat32, (*float_session)->input_info(0).shape(), 7);
  EXPECT_TRUE(input.ok());
  EXPECT_TRUE((*float_session)->Run({*input}).ok());
  EXPECT_TRUE((*quantized_session)->Run({*input}).ok());
  double worst = 0.0;
  for (int i = 0; i < float_proto.graph().output_size(); ++i) {
    const std::vector<double> want = ValuesAsDoubles((*float_session)->output(i));
    const std::vector<double> got = ValuesAsDoubles((*quantized_session)->output(i));
    EXPECT_EQ(want.size(), got.size());
    double diff = 0.0, norm = 0.0;
    for (size_t j = 0; j < want.size() && j < got.size(); ++j) {
      diff += (got[j] - want[j]) * (got[j] - want[j]);
      norm += want[j] * want[j];
    }
    worst = std::fmax(worst, std::sqrt(diff / norm));
  }
  return worst;
}

TEST(QdqQuantizerRnnTest, GruBecomesEdgebenchDynamicQuantizeGru) {
  const onnx::ModelProto float_proto = MakeRnnModel("GRU");
  onnx::ModelProto proto = float_proto;
  QuantizationReport report;
  ASSERT_TRUE(QuantizeDynamic(proto, {}, &report).ok());
  ASSERT_EQ(proto.graph().node_size(), 1);
  const onnx::NodeProto& node = proto.graph().node(0);
  EXPECT_EQ(node.op_type(), "DynamicQuantizeGRU");
  EXPECT_EQ(node.domain(), "ai.edgebench");
  EXPECT_EQ(node.name(), "rnn");
  ASSERT_EQ(node.input_size(), 10);
  EXPECT_TRUE(ImportsDomain(proto, "ai.edgebench"));
  // W: int8 [dirs, input, 3 * hidden]; one scale per gate row and direction.
  const onnx::TensorProto* w = FindInitializer(proto, node.input(1));
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->data_type(), onnx::TensorProto::INT8);
  EXPECT_EQ(std::vector<int64_t>(w->dims().begin(), w->dims().end()), (std::vector<int64_t>{2, 9, 39}));
  const onnx::TensorProto* w_scale = FindInitializer(proto, node.input(6));
  ASSERT_NE(w_scale, nullptr);
  EXPECT_EQ(std::vector<int64_t>(w_scale->dims().begin(), w_scale->dims().end()), (std::vector<int64_t>{2, 39}));
  EXPECT_EQ(node.input(3), "B");  // the bias stays float
  EXPECT_EQ(report.quantized_count(), 1);
  // 1 byte per weight plus a 4-byte scale and a zero point per row of 9 or
  // 13 weights: about a third of the float bytes here.
  EXPECT_LT(report.quantized_weight_bytes * 2, report.float_weight_bytes);
  bool noted = false;
  for (const std::string& note : report.notes) noted = noted || note.find("edgebench-specific") != std::string::npos;
  EXPECT_TRUE(noted);
  EXPECT_TRUE(IsQuantizedModel(proto));

  const double error = CompareOutputs(float_proto, proto);
  std::printf("GRU dynamic int8 vs fp32 relative L2: %.4g\n", error);
  EXPECT_LT(error, kMaxRelativeL2);
}

TEST(QdqQuantizerRnnTest, LstmBecomesMicrosoftDynamicQuantizeLstm) {
  const onnx::ModelProto float_proto = MakeRnnModel("LSTM");
  for (const bool per_channel : {true, false}) {
    SCOPED_TRACE(per_channel ? "per gate row" : "per direction");
    onnx::ModelProto proto = float_proto;
    QuantizerSettings settings;
    settings.per_channel = per_channel;
    QuantizationReport report;
    ASSERT_TRUE(QuantizeDynamic(proto, settings, &report).ok());
    ASSERT_EQ(proto.graph().node_size(), 1);
    const onnx::NodeProto& node = proto.graph().node(0);
    EXPECT_EQ(node.op_type(), "DynamicQuantizeLSTM");
    EXPECT_EQ(node.domain(), "com.microsoft");
    ASSERT_EQ(node.input_size(), 12);
    EXPECT_TRUE(ImportsDomain(proto, "com.microsoft"));
    const onnx::TensorProto* r = FindInitializer(proto, node.input(2));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->data_type(), onnx::TensorProto::INT8);
    EXPECT_EQ(std::vector<int64_t>(r->dims().begin(), r->dims().end()), (std::vector<int64_t>{2, 13, 52}));
    const onnx::TensorProto* r_zero_point = FindInitializer(proto, node.input(11));
    ASSERT_NE(r_zero_point, nullptr);
    EXPECT_EQ(r_zero_point->data_type(), onnx::TensorProto::INT8);
    EXPECT_EQ(std::vector<int64_t>(r_zero_point->dims().begin(), r_zero_point->dims().end()),
              per_channel ? (std::vector<int64_t>{2, 52}) : (std::vector<int64_t>{2}));
    EXPECT_EQ(report.quantized_count(), 1);

    const double error = CompareOutputs(float_proto, proto);
    std::printf("LSTM dynamic int8 (%s) vs fp32 relative L2: %.4g\n", per_channel ? "per row" : "per direction",
                error);
    EXPECT_LT(error, kMaxRelativeL2);
  }
}

TEST(QdqQuantizerRnnTest, BatchFirstLstmStaysFloatWithReason) {
  onnx::ModelProto proto = MakeRnnModel("LSTM", /*layout=*/1);
  QuantizationReport report;
  ASSERT_TRUE(QuantizeDynamic(proto, {}, &report).ok());
  EXPECT_EQ(proto.graph().node(0).op_type(), "LSTM");
  ASSERT_EQ(report.nodes.size(), 1u);
  EXPECT_FALSE(report.nodes[0].quantized);
  EXPECT_NE(report.nodes[0].reason.find("layout"), std::string::npos);
  EXPECT_FALSE(ImportsDomain(proto, "com.microsoft"));
}

TEST(QdqQuantizerRnnTest, ZooGruKeywordSpotterKeepsAQuarterOfItsWeightBytes) {
  auto built = zoo::BuildGruKws(42);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  onnx::ModelProto proto = *built;
  QuantizationReport report;
  ASSERT_TRUE(QuantizeDynamic(proto, {}, &report).ok());
  int gru_nodes = 0;
  for (const auto& node : proto.graph().node()) gru_nodes += node.op_type() == "DynamicQuantizeGRU";
  EXPECT_EQ(gru_nodes, 2);
  EXPECT_EQ(report.quantized_count(), 3);  // the two GRUs and the classifier's Gemm

  int64_t float_bytes = 0, quantized_bytes = 0;
  const double error = CompareOutputs(*built, proto, &float_bytes, &quantized_bytes);
  const double ratio = static_cast<double>(quantized_bytes) / static_cast<double>(float_bytes);
  std::printf("gru_kws int8/fp32 weight bytes %lld/%lld = %.3f, logits relative L2 %.4g\n",
              static_cast<long long>(quantized_bytes), static_cast<long long>(float_bytes), ratio, error);
  // int8 weights are a quarter; float biases and per-row scales add ~5%.
  EXPECT_LT(ratio, 0.32);
  EXPECT_GT(ratio, 0.25);
  EXPECT_LT(error, kMaxRelativeL2);
}

}  // namespace
}  // namespace edgebench::testing
