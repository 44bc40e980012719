#include "runtime/passes/residual_add_fusion.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "runtime/passes/activation_fusion.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "tests/runtime/passes/pass_test_util.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddAttribute;
using testing::AddConv;
using testing::AddFloatInitializer;
using testing::AddNode;
using testing::AddOutput;
using testing::CountOps;
using testing::RelL2;
using testing::Random;
using testing::RunOutputs;

// Runs residual Add fusion then activation fusion, as level all does; returns
// how many Adds fused.
int Fuse(onnx::ModelProto& m) {
  auto added = FuseResidualAdds(m);
  EXPECT_TRUE(added.ok()) << added.status().ToString();
  auto activations = FuseActivations(m);
  EXPECT_TRUE(activations.ok()) << activations.status().ToString();
  return added.ok() ? *added : -1;
}

const onnx::NodeProto* FindNode(const onnx::ModelProto& m, const std::string& op_type) {
  for (const auto& node : m.graph().node()) {
    if (node.op_type() == op_type) return &node;
  }
  return nullptr;
}

// ResNet basic block: x -> Conv 3x3 -> Relu -> Conv 3x3 -> Add(., x) -> Relu -> y.
TEST(ResidualAddFusionTest, ResNetBlockFusesAddAndRelu) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv1", "x", "c1", 3, true, 1);
  AddNode(m, "Relu", {"c1"}, {"r1"}, "relu1");
  AddConv(m, "conv2", "r1", "c2", 3, true, 3);
  AddNode(m, "Add", {"c2", "x"}, {"s"}, "add");
  AddNode(m, "Relu", {"s"}, {"y"}, "relu2");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Fuse(m), 1);
  ASSERT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(CountOps(m, "FusedConv"), 2);
  const onnx::NodeProto& block_end = m.graph().node(1);
  ASSERT_EQ(block_end.input_size(), 4);
  EXPECT_EQ(block_end.input(0), "r1");
  EXPECT_EQ(block_end.input(3), "x");
  EXPECT_EQ(block_end.output(0), "y");
  ASSERT_NE(FindAttribute(block_end, "activation"), nullptr) << "the Relu after the Add fuses too";
  EXPECT_EQ(FindAttribute(block_end, "activation")->s(), "Relu");
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

// MobileNetV2 inverted residual's end: 1x1 projection -> Add(x, .) -> y, no
// activation; the Add's output is the graph output and keeps its name.
TEST(ResidualAddFusionTest, MobileNetProjectionFusesWithoutActivation) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "expand", "x", "e", 1, true, 5);
  AddNode(m, "Clip", {"e"}, {"r"}, "relu6");
  AddConv(m, "project", "r", "p", 1, false, 7);
  AddNode(m, "Add", {"x", "p"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Fuse(m), 1);
  ASSERT_EQ(m.graph().node_size(), 2) << "the expansion's Clip fuses too";
  const onnx::NodeProto& last = m.graph().node(1);
  EXPECT_EQ(last.op_type(), "FusedConv");
  EXPECT_EQ(last.domain(), "com.microsoft");
  ASSERT_EQ(last.input_size(), 4);
  EXPECT_EQ(last.input(2), "") << "no bias stays absent";
  EXPECT_EQ(last.input(3), "x");
  EXPECT_EQ(last.output(0), "y");
  EXPECT_EQ(FindAttribute(last, "activation"), nullptr);
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

TEST(ResidualAddFusionTest, LeavesABroadcastAddAlone) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv", "x", "c", 3, true, 9);
  testing::AddInput(m, "row", DType::kFloat32, {1, 4, 1, 6});
  AddNode(m, "Add", {"c", "row"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::string bytes = m.SerializeAsString();
  auto fused = FuseResidualAdds(m);
  ASSERT_TRUE(fused.ok());
  EXPECT_EQ(*fused, 0);
  EXPECT_EQ(m.SerializeAsString(), bytes);
}

TEST(ResidualAddFusionTest, LeavesAConvWithTwoConsumersAlone) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv", "x", "c", 3, true, 11);
  AddNode(m, "Add", {"c", "x"}, {"y"}, "add");
  AddNode(m, "Sigmoid", {"c"}, {"s"}, "second_reader");
  AddOutput(m, "y", {1, 4, 6, 6});
  AddOutput(m, "s", {1, 4, 6, 6});
  auto fused = FuseResidualAdds(m);
  ASSERT_TRUE(fused.ok());
  EXPECT_EQ(*fused, 0);
  EXPECT_EQ(CountOps(m, "Conv"), 1);
}

TEST(ResidualAddFusionTest, LeavesAConvWhoseOutputIsAGraphOutputAlone) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv", "x", "c", 3, true, 13);
  AddNode(m, "Add", {"c", "x"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 6, 6});
  AddOutput(m, "c", {1, 4, 6, 6});
  auto fused = FuseResidualAdds(m);
  ASSERT_TRUE(fused.ok());
  EXPECT_EQ(*fused, 0);
}

// Add(conv_a, conv_b): the first input's Conv fuses, conv_b's output is Z.
TEST(ResidualAddFusionTest, FusesOneConvOfAnAddOfTwo) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv_a", "x", "a", 3, true, 15);
  AddConv(m, "conv_b", "x", "b", 1, true, 17);
  AddNode(m, "Add", {"a", "b"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Fuse(m), 1);
  ASSERT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(m.graph().node(0).op_type(), "Conv");
  EXPECT_EQ(m.graph().node(0).name(), "conv_b");
  const onnx::NodeProto& fused = m.graph().node(1);
  EXPECT_EQ(fused.op_type(), "FusedConv");
  EXPECT_EQ(fused.name(), "conv_a");
  EXPECT_EQ(fused.input(3), "b");
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

// Z computed after the Conv in node order: the fused node takes the Add's
// place, after Z's producer, so the list stays topologically sorted.
TEST(ResidualAddFusionTest, FusedNodeTakesTheAddsPlace) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv", "x", "c", 3, false, 19);
  AddNode(m, "Sigmoid", {"x"}, {"z"}, "late_z");
  AddNode(m, "Add", {"c", "z"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Fuse(m), 1);
  ASSERT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(m.graph().node(0).op_type(), "Sigmoid");
  EXPECT_EQ(m.graph().node(1).op_type(), "FusedConv");
  EXPECT_EQ(m.graph().node(1).input(3), "z");
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

// A FusedConv that already has an activation takes no second one.
TEST(ResidualAddFusionTest, ActivationFusionLeavesAFusedConvWithAnActivationAlone) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv", "x", "c", 3, true, 21);
  AddNode(m, "Add", {"c", "x"}, {"s"}, "add");
  AddNode(m, "Relu", {"s"}, {"r"}, "relu");
  AddNode(m, "Sigmoid", {"r"}, {"y"}, "sigmoid");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Fuse(m), 1);
  ASSERT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(FindAttribute(*FindNode(m, "FusedConv"), "activation")->s(), "Relu");
  EXPECT_EQ(CountOps(m, "Sigmoid"), 1);
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

}  // namespace
}  // namespace edgebench
