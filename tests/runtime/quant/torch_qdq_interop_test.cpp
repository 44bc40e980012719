// QDQ interop with another producer (issue 6): the digits CNN quantized by
// PyTorch's own post-training quantization and exported by torch.onnx.export
// (suites/data/digits/digits_cnn_torch_int8.onnx, written by
// tools/export_torch_int8_digits.py) fuses into integer kernels and keeps
// PyTorch's accuracy on the held-out digits.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include "harness/inputs/dataset.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/quant/onnx_model_edit.h"
#include "runtime/quant/qdq_fusion.h"
#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

const std::string kDigits = std::string(EDGEBENCH_SOURCE_DIR) + "/suites/data/digits";
const std::string kTorchModel = kDigits + "/digits_cnn_torch_int8.onnx";
// PyTorch's top-1 on the 360 test images with its quantized model, as
// tools/export_torch_int8_digits.py printed it and the README records it.
constexpr int64_t kTorchInt8Correct = 352;
constexpr int64_t kTestSamples = 360;

std::map<std::string, int> OpHistogram(const onnx::ModelProto& model) {
  std::map<std::string, int> ops;
  for (const auto& node : model.graph().node()) ++ops[node.op_type()];
  return ops;
}

// Logits of the whole test set, in one batch, through a ref session.
struct TestSetRun {
  std::vector<float> logits;  // [samples, 10]
  std::vector<int64_t> labels;
};

TestSetRun RunTestSet(const onnx::ModelProto& model) {
  TestSetRun run;
  auto loaded = LoadModelFromBytes(testing::Serialize(model), kDigits, "digits.onnx");
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  if (!loaded.ok()) return run;
  SessionOptions options;
  options.batch = kTestSamples;
  auto session = Session::Create(*loaded, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  if (!session.ok()) return run;
  auto data = ReadDataset(kDigits + "/test", InputBindings(**session), 0);
  EXPECT_TRUE(data.ok()) << data.status().ToString();
  if (!data.ok() || data->batches.size() != 1) return run;
  const Status status = (*session)->Run(data->batches[0]);
  EXPECT_TRUE(status.ok()) << status.ToString();
  const Tensor& out = (*session)->output(0);
  run.logits.assign(out.data<float>(), out.data<float>() + out.num_elements());
  run.labels = data->labels;
  return run;
}

// One quantization step of the model's output: the scale of the
// DequantizeLinear that writes the logits (PyTorch's Linear output scale).
float LogitsScale(const onnx::ModelProto& model) {
  const GraphIndex index(model.graph());
  const int dq = index.producer(model.graph().output(0).name());
  if (dq < 0 || model.graph().node(dq).op_type() != "DequantizeLinear") return 0.0f;
  const onnx::TensorProto* scale = index.initializer(model.graph().node(dq).input(1));
  if (scale == nullptr) return 0.0f;
  auto value = ReadInitializer(*scale);
  return value.ok() ? value->data<float>()[0] : 0.0f;
}

int64_t Correct(const TestSetRun& run) {
  int64_t correct = 0;
  const size_t classes = run.labels.empty() ? 0 : run.logits.size() / run.labels.size();
  for (size_t i = 0; i < run.labels.size(); ++i) {
    const auto row = run.logits.begin() + static_cast<std::ptrdiff_t>(i * classes);
    correct += std::max_element(row, row + static_cast<std::ptrdiff_t>(classes)) - row == run.labels[i];
  }
  return correct;
}

class TorchQdqInteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto proto = ReadModelProto(kTorchModel);
    ASSERT_TRUE(proto.ok()) << proto.status().ToString();
    exported_ = std::move(proto).value();
    fused_ = exported_;
    const Status status = FuseQdq(fused_, &report_);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  onnx::ModelProto exported_;
  onnx::ModelProto fused_;
  QdqFusionReport report_;
};

TEST_F(TorchQdqInteropTest, EveryConvAndGemmBecomesAnIntegerKernel) {
  // What torch.onnx.export wrote: the float ops between DQ and Q, and the
  // Constant/Identity/Cast/ConstantOfShape noise around their parameters.
  const auto exported = OpHistogram(exported_);
  EXPECT_EQ(exported.at("Conv"), 3);
  EXPECT_EQ(exported.at("Gemm"), 1);
  EXPECT_GT(exported.at("Constant"), 0);
  EXPECT_GT(exported.at("Cast"), 0);

  for (const char* op : {"Conv", "Gemm", "MaxPool", "Flatten"}) {
    const auto* count = report_.Find(op);
    ASSERT_NE(count, nullptr) << op;
    EXPECT_EQ(count->kept_float, 0) << op << ": " << (count->reasons.empty() ? "" : count->reasons[0]);
  }
  EXPECT_EQ(report_.Find("Conv")->fused, 3);
  EXPECT_EQ(report_.Find("Gemm")->fused, 1);
  EXPECT_EQ(report_.total_kept_float(), 0);
  EXPECT_EQ(report_.canonical_form.constants_to_initializers, exported.at("Constant"));
  // Every Cast casts to the type it already has: uint8 after a QuantizeLinear,
  // int32 after the ConstantOfShape of an int32 zero point.
  EXPECT_EQ(report_.canonical_form.bypassed, exported.at("Identity") + exported.at("Cast"));
  EXPECT_EQ(report_.canonical_form.folded, exported.at("ConstantOfShape"));

  // The image is quantized once, the logits dequantized once; in between,
  // integer kernels and data movement on uint8 only.
  const std::map<std::string, int> expected = {{"QuantizeLinear", 1}, {"QLinearConv", 3}, {"MaxPool", 1},
                                               {"Flatten", 1},        {"QGemm", 1},       {"DequantizeLinear", 1}};
  EXPECT_EQ(OpHistogram(fused_), expected);
}

TEST_F(TorchQdqInteropTest, FusedKeepsPyTorchsAccuracyAndAgreesWithTheQdqGraph) {
  const TestSetRun fused = RunTestSet(fused_);
  const TestSetRun qdq = RunTestSet(exported_);  // QuantizeLinear/DequantizeLinear run, float ops between
  auto fp32_proto = ReadModelProto(kDigits + "/digits_cnn.onnx");
  ASSERT_TRUE(fp32_proto.ok()) << fp32_proto.status().ToString();
  const TestSetRun fp32 = RunTestSet(*fp32_proto);
  ASSERT_EQ(fused.labels.size(), static_cast<size_t>(kTestSamples));
  ASSERT_EQ(fused.logits.size(), qdq.logits.size());

  // Top-1 within one point (3.6 images) of PyTorch's own int8 run and of FP32.
  const int64_t correct = Correct(fused);
  EXPECT_LE(std::abs(correct - kTorchInt8Correct), kTestSamples / 100) << correct << "/" << kTestSamples;
  EXPECT_LE(std::abs(correct - Correct(fp32)), kTestSamples / 100) << correct << " vs FP32 " << Correct(fp32);

  // Fused against the unfused QDQ graph, in steps of the logits' scale: both
  // see the same quantized image and weights; they differ only where float
  // rounding in the unfused sums moves a requantized value to the
  // neighbouring step, which rarely carries through to the logits.
  const float step = LogitsScale(fused_);
  ASSERT_GT(step, 0.0f);
  double max_steps = 0;
  int64_t differing = 0;
  for (size_t i = 0; i < fused.logits.size(); ++i) {
    const double steps = std::abs(fused.logits[i] - qdq.logits[i]) / step;
    max_steps = std::max(max_steps, steps);
    differing += steps > 0.5;
  }
  std::cout << "digits top-1 of " << kTestSamples << ": fused int8 " << correct << ", QDQ graph in float "
            << Correct(qdq) << ", FP32 " << Correct(fp32) << ", PyTorch int8 " << kTorchInt8Correct
            << "; fused vs QDQ logits: max " << max_steps << " steps, " << differing << " of "
            << fused.logits.size() << " differ\n";
  EXPECT_LE(max_steps, 1.0 + 1e-3) << differing << " of " << fused.logits.size() << " logits differ";
  EXPECT_LE(differing, static_cast<int64_t>(fused.logits.size() / 20));
}

}  // namespace
}  // namespace edgebench
