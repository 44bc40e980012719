#include "runtime/quant/qdq_quantizer.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <map>
#include <string>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/quant/calibration.h"
#include "runtime/session/session.h"

namespace edgebench {
namespace {

std::map<std::string, int> CountOps(const onnx::ModelProto& model) {
  std::map<std::string, int> counts;
  for (const auto& node : model.graph().node()) ++counts[node.op_type()];
  return counts;
}

// The float model, and calibration ranges from four synthetic batches.
struct Calibrated {
  onnx::ModelProto proto;
  std::shared_ptr<const Model> model;
  std::map<std::string, TensorRange> ranges;
};

Calibrated Calibrate(Expected<onnx::ModelProto> built, CalibrationMethod method) {
  Calibrated c;
  EXPECT_TRUE(built.ok());
  c.proto = *built;
  auto model = LoadModelFromBytes(c.proto.SerializeAsString(), "", "zoo model");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  c.model = *model;
  auto session = Session::Create(c.model);
  EXPECT_TRUE(session.ok());
  std::vector<std::vector<Tensor>> batches;
  for (uint64_t b = 0; b < 4; ++b) {
    auto input = MakeSyntheticInput((*session)->input_info(0).dtype(), (*session)->input_info(0).shape(), 100 + b);
    EXPECT_TRUE(input.ok());
    batches.push_back({std::move(*input)});
  }
  CalibrationSettings settings;
  settings.method = method;
  auto ranges = CalibrateRanges(c.model, batches, settings);
  EXPECT_TRUE(ranges.ok()) << ranges.status().ToString();
  c.ranges = *ranges;
  return c;
}

TEST(QdqQuantizerTest, StaticQuantizationWrapsEveryConvAndLoads) {
  Calibrated c = Calibrate(zoo::BuildDsCnnKws(42), CalibrationMethod::kMinMax);
  const std::map<std::string, int> before = CountOps(c.proto);
  QuantizationReport report;
  ASSERT_TRUE(QuantizeStatic(c.proto, c.ranges, {}, &report).ok());
  const std::map<std::string, int> after = CountOps(c.proto);
  EXPECT_TRUE(report.per_channel);
  EXPECT_EQ(report.quantized_count(), before.at("Conv") + before.at("Gemm"));
  EXPECT_EQ(after.at("Conv"), before.at("Conv"));
  EXPECT_GT(after.at("QuantizeLinear"), 0);
  // int8 weights, plus per-channel scales and zero points and int32 biases,
  // which keep depthwise layers (9 weights per channel) well above a quarter.
  EXPECT_LT(report.quantized_weight_bytes * 2, report.float_weight_bytes);
  EXPECT_TRUE(IsQuantizedModel(c.proto));

  // The QDQ model is a valid ONNX model: checker and shape inference pass.
  LoadOptions options;
  options.require_supported_ops = false;
  auto loaded = LoadModelFromBytes(c.proto.SerializeAsString(), "", "quantized", options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  // Graph inputs and outputs keep their names and float type.
  EXPECT_EQ((*loaded)->graph.values[(*loaded)->graph.outputs[0]].name, c.model->graph.values[c.model->graph.outputs[0]].name);
  EXPECT_EQ((*loaded)->graph.values[(*loaded)->graph.outputs[0]].dtype, DType::kFloat32);
}

TEST(QdqQuantizerTest, ReluAfterConvCarriesTheQuantizedOutput) {
  Calibrated c = Calibrate(zoo::BuildDsCnnKws(42), CalibrationMethod::kMinMax);
  ASSERT_TRUE(QuantizeStatic(c.proto, c.ranges, {}, nullptr).ok());
  // Every Relu that follows a Conv feeds a QuantizeLinear whose zero point is
  // 0 (uint8): the range [0, max] makes saturation the ReLU.
  int checked = 0;
  for (const auto& node : c.proto.graph().node()) {
    if (node.op_type() != "QuantizeLinear") continue;
    for (const auto& producer : c.proto.graph().node()) {
      if (producer.op_type() == "Relu" && producer.output(0) == node.input(0)) {
        for (const auto& init : c.proto.graph().initializer()) {
          if (init.name() == node.input(2)) {
            EXPECT_EQ(init.raw_data(), std::string(1, '\0'));
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 0);
}

TEST(QdqQuantizerTest, AlreadyQuantizedModelIsRefused) {
  Calibrated c = Calibrate(zoo::BuildDsCnnKws(42), CalibrationMethod::kMinMax);
  ASSERT_TRUE(QuantizeStatic(c.proto, c.ranges, {}, nullptr).ok());
  const Status again = QuantizeStatic(c.proto, c.ranges, {}, nullptr);
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.message().find("already quantized"), std::string::npos);
}

TEST(QdqQuantizerTest, DynamicQuantizationRewritesConstantWeightMatMulAndGemm) {
  auto built = zoo::BuildMlpAutoencoder(42);
  ASSERT_TRUE(built.ok());
  onnx::ModelProto proto = *built;
  const std::map<std::string, int> before = CountOps(proto);
  QuantizationReport report;
  ASSERT_TRUE(QuantizeDynamic(proto, {}, &report).ok());
  const std::map<std::string, int> after = CountOps(proto);
  const int weighted = (before.count("Gemm") ? before.at("Gemm") : 0) + (before.count("MatMul") ? before.at("MatMul") : 0);
  EXPECT_EQ(report.quantized_count(), weighted);
  EXPECT_EQ(after.at("MatMulInteger"), weighted);
  EXPECT_EQ(after.count("Gemm"), 0u);
  LoadOptions options;
  options.require_supported_ops = false;
  auto loaded = LoadModelFromBytes(proto.SerializeAsString(), "", "dynamic", options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
}

TEST(QdqQuantizerTest, StaticQuantizationNeedsOpset10) {
  auto built = zoo::BuildDsCnnKws(42);
  ASSERT_TRUE(built.ok());
  built->mutable_opset_import(0)->set_version(9);
  const Status status = QuantizeStatic(*built, {}, {}, nullptr);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("opset 10"), std::string::npos);
}

}  // namespace
}  // namespace edgebench
