#include "runtime/passes/nhwc_layout.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "runtime/passes/activation_fusion.h"
#include "runtime/passes/residual_add_fusion.h"
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

// Level all's fusions, then the layout pass; returns how many convolutions moved.
int Transform(onnx::ModelProto& m) {
  EXPECT_TRUE(FuseResidualAdds(m).ok());
  EXPECT_TRUE(FuseActivations(m).ok());
  auto moved = TransformToNhwc(m);
  EXPECT_TRUE(moved.ok()) << moved.status().ToString();
  return moved.ok() ? *moved : -1;
}

std::vector<std::string> OpTypes(const onnx::ModelProto& m) {
  std::vector<std::string> types;
  for (const auto& node : m.graph().node()) types.push_back(node.op_type());
  return types;
}

// Two ResNet blocks: the chain of four convolutions, with x read as the
// first block's X and Z, needs one Transpose in (shared) and one out.
TEST(NhwcLayoutTest, ResNetBlocksMoveWithTransposesOnlyAtTheEnds) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv1", "x", "c1", 3, true, 1);
  AddNode(m, "Relu", {"c1"}, {"r1"}, "relu1");
  AddConv(m, "conv2", "r1", "c2", 3, true, 3);
  AddNode(m, "Add", {"c2", "x"}, {"s1"}, "add1");
  AddNode(m, "Relu", {"s1"}, {"b1"}, "relu2");
  AddConv(m, "conv3", "b1", "c3", 3, true, 5);
  AddNode(m, "Relu", {"c3"}, {"r3"}, "relu3");
  AddConv(m, "conv4", "r3", "c4", 1, true, 7);
  AddNode(m, "Add", {"c4", "b1"}, {"y"}, "add2");
  AddOutput(m, "y", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Transform(m), 4);
  const std::vector<std::string> want = {"Transpose",     "NhwcFusedConv", "NhwcFusedConv",
                                         "NhwcFusedConv", "NhwcFusedConv", "Transpose"};
  EXPECT_EQ(OpTypes(m), want);
  EXPECT_EQ(m.graph().node(5).output(0), "y");  // the graph output keeps its name
  EXPECT_EQ(m.graph().node(2).input(3), m.graph().node(0).output(0));  // Z is x's one NHWC copy
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

// A value read inside the chain and outside it is transposed back for the
// outside reader; the chain of six, with three Transposes, still moves.
TEST(NhwcLayoutTest, AChainOutputReadOutsideIsTransposedBack) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "conv1", "x", "c1", 3, true, 11);
  AddConv(m, "conv2", "c1", "c2", 3, true, 13);
  AddConv(m, "conv3", "c2", "c3", 3, true, 15);
  AddConv(m, "conv4", "c3", "c4", 1, true, 17);
  AddConv(m, "conv5", "c4", "c5", 3, true, 19);
  AddConv(m, "conv6", "c5", "y", 1, true, 31);
  AddNode(m, "Sigmoid", {"c2"}, {"side"}, "side");
  AddOutput(m, "y", {1, 4, 6, 6});
  AddOutput(m, "side", {1, 4, 6, 6});
  const std::vector<float> before = RunOutputs(m);
  EXPECT_EQ(Transform(m), 6);
  EXPECT_EQ(CountOps(m, "Transpose"), 3);
  EXPECT_LT(RelL2(before, RunOutputs(m)), 1e-6);
}

// SqueezeNet's fire module: a squeeze feeding two expands that meet in a
// Concat would pay three Transposes for three convolutions; a lone Conv and
// grouped ones do not move either.
TEST(NhwcLayoutTest, ChainsThatWouldPayMoreInTransposesStay) {
  onnx::ModelProto m = testing::MakeModel({1, 4, 6, 6});
  AddConv(m, "squeeze", "x", "s", 1, true, 21);
  AddConv(m, "expand1", "s", "e1", 1, true, 23);
  AddConv(m, "expand3", "s", "e3", 3, true, 25);
  AddNode(m, "Concat", {"e1", "e3"}, {"cat"}, "cat");
  AddAttribute(m.mutable_graph()->mutable_node(3), "axis", onnx::AttributeProto::INT)->set_i(1);
  AddNode(m, "Relu", {"cat"}, {"r"}, "relu");
  AddConv(m, "grouped1", "x", "g1", 3, true, 27, 2);
  AddConv(m, "grouped2", "g1", "g2", 3, true, 29, 2);
  AddOutput(m, "r", {1, 8, 6, 6});
  AddOutput(m, "g2", {1, 4, 6, 6});
  EXPECT_EQ(Transform(m), 0);
  EXPECT_EQ(CountOps(m, "Transpose"), 0);
  EXPECT_EQ(CountOps(m, "NhwcFusedConv"), 0);
}

}  // namespace
}  // namespace edgebench
