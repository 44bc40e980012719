#include "runtime/passes/activation_fusion.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "runtime/quant/onnx_graph_edit.h"
#include "tests/runtime/passes/pass_test_util.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddAttribute;
using testing::AddFloatInitializer;
using testing::AddNode;
using testing::AddOutput;
using testing::CountOps;
using testing::RelL2;
using testing::Random;
using testing::RunOutputs;

// x [1, 3, 6, 6] -> Conv 3x3 pad 1 (4 filters, bias) -> c -> `activation` -> y.
onnx::ModelProto ConvThen() {
  onnx::ModelProto m = testing::MakeModel({1, 3, 6, 6});
  AddFloatInitializer(m, "w", {4, 3, 3, 3}, Random(108, 1));
  AddFloatInitializer(m, "b", {4}, Random(4, 2));
  auto* conv = AddNode(m, "Conv", {"x", "w", "b"}, {"c"}, "conv");
  auto* pads = AddAttribute(conv, "pads", onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  return m;
}

// x [3, 5] -> Gemm (transB, W [4, 5], C [4]) -> c.
onnx::ModelProto GemmThen() {
  onnx::ModelProto m = testing::MakeModel({3, 5});
  AddFloatInitializer(m, "w", {4, 5}, Random(20, 3));
  AddFloatInitializer(m, "b", {4}, Random(4, 4));
  auto* gemm = AddNode(m, "Gemm", {"x", "w", "b"}, {"c"}, "gemm");
  AddAttribute(gemm, "transB", onnx::AttributeProto::INT)->set_i(1);
  return m;
}

// Appends the activation `op` reading "c" and writing "y" (the graph output).
void AddActivation(onnx::ModelProto& m, const std::string& op, const std::vector<int64_t>& y_dims) {
  if (op == "Clip") {
    AddFloatInitializer(m, "lo", {}, {0.0f});
    AddFloatInitializer(m, "hi", {}, {0.5f});
    AddNode(m, "Clip", {"c", "lo", "hi"}, {"y"}, "act");
  } else if (op == "ClipNoMax") {
    AddFloatInitializer(m, "lo", {}, {-0.25f});
    AddNode(m, "Clip", {"c", "lo"}, {"y"}, "act");
  } else {
    auto* act = AddNode(m, op, {"c"}, {"y"}, "act");
    if (op == "LeakyRelu") AddAttribute(act, "alpha", onnx::AttributeProto::FLOAT)->set_f(0.3f);
    if (op == "HardSigmoid") {
      AddAttribute(act, "alpha", onnx::AttributeProto::FLOAT)->set_f(0.4f);
      AddAttribute(act, "beta", onnx::AttributeProto::FLOAT)->set_f(0.45f);
    }
  }
  AddOutput(m, "y", y_dims);
  m.mutable_opset_import(0)->set_version(14);  // HardSwish
}

const std::vector<std::string> kActivations = {"Relu",        "Sigmoid",   "LeakyRelu", "HardSigmoid",
                                               "HardSwish",   "Clip",      "ClipNoMax"};

TEST(ActivationFusionTest, EveryActivationFusesIntoConvWithTheSameOutputs) {
  for (const std::string& act : kActivations) {
    SCOPED_TRACE(act);
    onnx::ModelProto m = ConvThen();
    AddActivation(m, act, {1, 4, 6, 6});
    const std::vector<float> before = RunOutputs(m);
    auto fused = FuseActivations(m);
    ASSERT_TRUE(fused.ok()) << fused.status().ToString();
    EXPECT_EQ(*fused, 1);
    ASSERT_EQ(m.graph().node_size(), 1);
    const onnx::NodeProto& node = m.graph().node(0);
    EXPECT_EQ(node.op_type(), "FusedConv");
    EXPECT_EQ(node.domain(), "com.microsoft");
    EXPECT_EQ(node.output(0), "y");
    EXPECT_EQ(m.graph().initializer_size(), 2) << "the Clip bounds are orphaned and removed";
    const std::vector<float> after = RunOutputs(m);
    EXPECT_LT(RelL2(before, after), 1e-6);
  }
}

TEST(ActivationFusionTest, ConvActivationParamsFollowOnnxRuntimeOrder) {
  onnx::ModelProto m = ConvThen();
  AddActivation(m, "HardSigmoid", {1, 4, 6, 6});
  ASSERT_TRUE(FuseActivations(m).ok());
  const onnx::AttributeProto* params = FindAttribute(m.graph().node(0), "activation_params");
  ASSERT_NE(params, nullptr);
  ASSERT_EQ(params->floats_size(), 2);
  EXPECT_FLOAT_EQ(params->floats(0), 0.4f);  // alpha
  EXPECT_FLOAT_EQ(params->floats(1), 0.45f);  // beta
  EXPECT_EQ(FindAttribute(m.graph().node(0), "activation")->s(), "HardSigmoid");
  EXPECT_NE(FindAttribute(m.graph().node(0), "pads"), nullptr) << "Conv's attributes stay";
}

TEST(ActivationFusionTest, EveryActivationFusesIntoGemmWithTheSameOutputs) {
  for (const std::string& act : kActivations) {
    SCOPED_TRACE(act);
    onnx::ModelProto m = GemmThen();
    AddActivation(m, act, {3, 4});
    const std::vector<float> before = RunOutputs(m);
    auto fused = FuseActivations(m);
    ASSERT_TRUE(fused.ok()) << fused.status().ToString();
    EXPECT_EQ(*fused, 1);
    ASSERT_EQ(m.graph().node_size(), 1);
    EXPECT_EQ(m.graph().node(0).op_type(), "FusedGemm");
    EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
  }
}

TEST(ActivationFusionTest, GemmActivationAttributesArePrefixed) {
  onnx::ModelProto m = GemmThen();
  AddActivation(m, "LeakyRelu", {3, 4});
  ASSERT_TRUE(FuseActivations(m).ok());
  const onnx::AttributeProto* alpha = FindAttribute(m.graph().node(0), "activation_alpha");
  ASSERT_NE(alpha, nullptr);
  EXPECT_FLOAT_EQ(alpha->f(), 0.3f);
  EXPECT_EQ(FindAttribute(m.graph().node(0), "transB")->i(), 1);
}

TEST(ActivationFusionTest, LeavesAConvWithTwoConsumersAlone) {
  onnx::ModelProto m = ConvThen();
  AddActivation(m, "Relu", {1, 4, 6, 6});
  AddNode(m, "Sigmoid", {"c"}, {"s"}, "second_reader");
  AddOutput(m, "s", {1, 4, 6, 6});
  const std::string bytes = m.SerializeAsString();
  auto fused = FuseActivations(m);
  ASSERT_TRUE(fused.ok());
  EXPECT_EQ(*fused, 0);
  EXPECT_EQ(m.SerializeAsString(), bytes);
}

TEST(ActivationFusionTest, LeavesAConvWhoseOutputIsAGraphOutputAlone) {
  onnx::ModelProto m = ConvThen();
  AddActivation(m, "Relu", {1, 4, 6, 6});
  AddOutput(m, "c", {1, 4, 6, 6});
  auto fused = FuseActivations(m);
  ASSERT_TRUE(fused.ok());
  EXPECT_EQ(*fused, 0);
  EXPECT_EQ(CountOps(m, "Conv"), 1);
}

TEST(ActivationFusionTest, LeavesAClipWithBoundsComputedAtRunAlone) {
  onnx::ModelProto m = ConvThen();
  testing::AddInput(m, "hi", DType::kFloat32, {});
  AddNode(m, "Clip", {"c", "", "hi"}, {"y"}, "act");
  AddOutput(m, "y", {1, 4, 6, 6});
  auto fused = FuseActivations(m);
  ASSERT_TRUE(fused.ok());
  EXPECT_EQ(*fused, 0);
}

}  // namespace
}  // namespace edgebench
