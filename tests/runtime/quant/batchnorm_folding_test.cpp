#include "runtime/quant/batchnorm_folding.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/session/session.h"

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

}  // namespace
}  // namespace edgebench
