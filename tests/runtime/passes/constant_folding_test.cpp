#include "runtime/passes/constant_folding.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

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
using testing::RunOutputs;

TEST(ConstantFoldingTest, FoldsAChainOfConstantNodesIntoOneInitializer) {
  onnx::ModelProto m = testing::MakeModel({1, 4});
  AddFloatInitializer(m, "a", {4}, {1, 2, 3, 4});
  AddFloatInitializer(m, "b", {4}, {0.5f, 0.5f, 0.5f, 0.5f});
  AddNode(m, "Add", {"a", "b"}, {"ab"}, "add");
  AddNode(m, "Mul", {"ab", "ab"}, {"sq"}, "square");
  AddNode(m, "Add", {"x", "sq"}, {"y"}, "use");
  AddOutput(m, "y", {1, 4});
  const std::vector<float> before = RunOutputs(m);
  auto folded = FoldConstants(m);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 2);
  ASSERT_EQ(m.graph().node_size(), 1);
  ASSERT_EQ(m.graph().initializer_size(), 1) << "a, b and the intermediate are gone";
  EXPECT_EQ(m.graph().initializer(0).name(), "sq");
  EXPECT_EQ(RelL2(before, RunOutputs(m)), 0.0);
}

TEST(ConstantFoldingTest, TurnsConstantNodesIntoInitializers) {
  onnx::ModelProto m = testing::MakeModel({1, 3});
  auto* constant = AddNode(m, "Constant", {}, {"k"}, "k");
  auto* value = AddAttribute(constant, "value", onnx::AttributeProto::TENSOR)->mutable_t();
  value->set_data_type(onnx::TensorProto::FLOAT);
  value->add_dims(3);
  for (float v : {1.0f, -2.0f, 3.0f}) value->add_float_data(v);
  AddNode(m, "Mul", {"x", "k"}, {"y"}, "mul");
  AddOutput(m, "y", {1, 3});
  const std::vector<float> before = RunOutputs(m);
  auto folded = FoldConstants(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 1);
  EXPECT_EQ(CountOps(m, "Constant"), 0);
  EXPECT_EQ(RelL2(before, RunOutputs(m)), 0.0);
}

TEST(ConstantFoldingTest, LeavesABlowUpAlone) {
  // ConstantOfShape([1000, 1000]) would turn 16 bytes into 4 MB of weights.
  onnx::ModelProto m = testing::MakeModel({1, 1000});
  testing::AddInitializer(m, "shape", testing::MakeTensor(DType::kInt64, {2}, {1000, 1000}));
  AddNode(m, "ConstantOfShape", {"shape"}, {"zeros"}, "zeros");
  AddNode(m, "Add", {"x", "zeros"}, {"y"}, "add");
  AddOutput(m, "y", {1000, 1000});
  const std::string bytes = m.SerializeAsString();
  auto folded = FoldConstants(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
  EXPECT_EQ(m.SerializeAsString(), bytes);
}

TEST(ConstantFoldingTest, FoldsASmallConstantOfShape) {
  onnx::ModelProto m = testing::MakeModel({1, 8});
  testing::AddInitializer(m, "shape", testing::MakeTensor(DType::kInt64, {2}, {1, 8}));
  AddNode(m, "ConstantOfShape", {"shape"}, {"zeros"}, "zeros");
  AddNode(m, "Add", {"x", "zeros"}, {"y"}, "add");
  AddOutput(m, "y", {1, 8});
  auto folded = FoldConstants(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 1);
}

TEST(ConstantFoldingTest, LeavesDequantizeLinearForQdqFusion) {
  onnx::ModelProto m = testing::MakeModel({1, 4});
  testing::AddInitializer(m, "wq", testing::MakeTensor(DType::kInt8, {4}, {1, -2, 3, -4}));
  AddFloatInitializer(m, "scale", {}, {0.5f});
  AddNode(m, "DequantizeLinear", {"wq", "scale"}, {"w"}, "dq");
  AddNode(m, "Add", {"x", "w"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4});
  auto folded = FoldConstants(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
  EXPECT_EQ(CountOps(m, "DequantizeLinear"), 1);
}

TEST(ConstantFoldingTest, LeavesOverridableInitializersAndGraphOutputsAlone) {
  // "a" is also a graph input (IR < 4 style): the caller may feed another value.
  onnx::ModelProto m = testing::MakeModel({1, 2});
  AddFloatInitializer(m, "a", {2}, {1, 2});
  testing::AddInput(m, "a", DType::kFloat32, {2});
  AddFloatInitializer(m, "b", {2}, {3, 4});
  AddNode(m, "Add", {"a", "b"}, {"ab"}, "overridable");
  AddNode(m, "Add", {"x", "ab"}, {"y"}, "use");
  // b + b is a graph output: the output stays a node's.
  AddNode(m, "Add", {"b", "b"}, {"bb"}, "output");
  AddOutput(m, "y", {1, 2});
  AddOutput(m, "bb", {2});
  auto folded = FoldConstants(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
  EXPECT_EQ(m.graph().node_size(), 3);
}

}  // namespace
}  // namespace edgebench
