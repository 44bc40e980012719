#include "runtime/quant/batchnorm_folding.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

int Count(const onnx::ModelProto& model, const std::string& op) {
  int n = 0;
  for (const auto& node : model.graph().node()) n += node.op_type() == op;
  return n;
}

// The model's output on one fixed synthetic input.
std::vector<float> Output(const onnx::ModelProto& proto) {
  auto model = LoadModelFromBytes(proto.SerializeAsString(), "", "model");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  EXPECT_TRUE(session.ok());
  auto input = MakeSyntheticInput((*session)->input_info(0).dtype(), (*session)->input_info(0).shape(), 7);
  EXPECT_TRUE(input.ok());
  EXPECT_TRUE((*session)->Run({*input}).ok());
  const Tensor& out = (*session)->output(0);
  return std::vector<float>(out.data<float>(), out.data<float>() + out.num_elements());
}

TEST(BatchNormFoldingTest, FoldsEveryConvBatchNormPairAndKeepsTheOutputs) {
  auto built = zoo::BuildResNet18(42);
  ASSERT_TRUE(built.ok());
  onnx::ModelProto proto = *built;
  const int batch_norms = Count(proto, "BatchNormalization");
  ASSERT_GT(batch_norms, 0);
  const std::vector<float> before = Output(proto);

  auto folded = FoldBatchNormIntoConv(proto);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, batch_norms);
  EXPECT_EQ(Count(proto, "BatchNormalization"), 0);
  const std::vector<float> after = Output(proto);

  // Same function, re-associated float arithmetic: relative L2 error at the
  // level of float rounding through 20 layers.
  ASSERT_EQ(before.size(), after.size());
  double diff = 0, norm = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    diff += (before[i] - after[i]) * (before[i] - after[i]);
    norm += before[i] * before[i];
  }
  EXPECT_LT(std::sqrt(diff / norm), 1e-4);
}

TEST(BatchNormFoldingTest, LeavesAModelWithoutBatchNormAlone) {
  auto built = zoo::BuildMlpAutoencoder(42);
  ASSERT_TRUE(built.ok());
  onnx::ModelProto proto = *built;
  const std::string bytes = proto.SerializeAsString();
  auto folded = FoldBatchNormIntoConv(proto);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
  EXPECT_EQ(proto.SerializeAsString(), bytes);
}

// x [1, 2, 4, 4] -> Conv 3x3 pad 1 (3 filters, no bias) -> c -> BatchNormalization(epsilon) -> y.
onnx::ModelProto ConvBatchNorm(float epsilon, bool training_outputs) {
  onnx::ModelProto m = testing::MakeModel({1, 2, 4, 4});
  std::vector<float> w;
  for (double v : testing::RandomValues(54, 11)) w.push_back(static_cast<float>(v));
  testing::AddFloatInitializer(m, "w", {3, 2, 3, 3}, w);
  auto* conv = testing::AddNode(m, "Conv", {"x", "w"}, {"c"}, "conv");
  auto* pads = testing::AddAttribute(conv, "pads", onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  testing::AddFloatInitializer(m, "gamma", {3}, {1.5f, -0.5f, 2.0f});
  testing::AddFloatInitializer(m, "beta", {3}, {0.1f, 0.2f, -0.3f});
  testing::AddFloatInitializer(m, "mean", {3}, {0.05f, -0.1f, 0.2f});
  // A variance near epsilon: folding with the wrong epsilon would show.
  testing::AddFloatInitializer(m, "var", {3}, {0.01f, 0.02f, 0.5f});
  std::vector<std::string> outputs = {"y"};
  if (training_outputs) outputs = {"y", "running_mean", "running_var"};
  auto* bn = testing::AddNode(m, "BatchNormalization", {"c", "gamma", "beta", "mean", "var"}, outputs, "bn");
  testing::AddAttribute(bn, "epsilon", onnx::AttributeProto::FLOAT)->set_f(epsilon);
  if (training_outputs) testing::AddAttribute(bn, "training_mode", onnx::AttributeProto::INT)->set_i(1);
  testing::AddOutput(m, "y", {1, 3, 4, 4});
  return m;
}

TEST(BatchNormFoldingTest, UsesTheNodesEpsilon) {
  onnx::ModelProto proto = ConvBatchNorm(/*epsilon=*/0.05f, /*training_outputs=*/false);
  const std::vector<float> before = Output(proto);
  auto folded = FoldBatchNormIntoConv(proto);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 1);
  EXPECT_EQ(Count(proto, "BatchNormalization"), 0);
  const std::vector<float> after = Output(proto);
  ASSERT_EQ(before.size(), after.size());
  double diff = 0, norm = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    diff += (before[i] - after[i]) * (before[i] - after[i]);
    norm += before[i] * before[i];
  }
  EXPECT_LT(std::sqrt(diff / norm), 1e-6);
}

TEST(BatchNormFoldingTest, LeavesATrainingModeBatchNormAlone) {
  onnx::ModelProto proto = ConvBatchNorm(1e-5f, /*training_outputs=*/true);
  const std::string bytes = proto.SerializeAsString();
  auto folded = FoldBatchNormIntoConv(proto);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
  EXPECT_EQ(proto.SerializeAsString(), bytes);
}

}  // namespace
}  // namespace edgebench
