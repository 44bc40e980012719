#include "runtime/passes/identity_removal.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "tests/runtime/passes/pass_test_util.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddNode;
using testing::AddOutput;
using testing::CountOps;
using testing::RelL2;
using testing::RunOutputs;

std::vector<std::string> OutputNames(const onnx::ModelProto& m) {
  std::vector<std::string> names;
  for (const auto& o : m.graph().output()) names.push_back(o.name());
  return names;
}

TEST(IdentityRemovalTest, RemovesIdentityAndDropoutInsideTheGraph) {
  onnx::ModelProto m = testing::MakeModel({1, 6});
  AddNode(m, "Relu", {"x"}, {"a"}, "relu");
  AddNode(m, "Identity", {"a"}, {"b"}, "identity");
  AddNode(m, "Dropout", {"b"}, {"c"}, "dropout");
  AddNode(m, "Sigmoid", {"c"}, {"y"}, "sigmoid");
  AddOutput(m, "y", {1, 6});
  const std::vector<float> before = RunOutputs(m);
  auto removed = RemoveIdentityAndDropout(m);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(m.graph().node(1).input(0), "a");
  EXPECT_EQ(RelL2(before, RunOutputs(m)), 0.0);
}

TEST(IdentityRemovalTest, KeepsGraphOutputNames) {
  // a feeds both the Identity (whose output is the graph output y) and a Sigmoid.
  onnx::ModelProto m = testing::MakeModel({1, 6});
  AddNode(m, "Relu", {"x"}, {"a"}, "relu");
  AddNode(m, "Identity", {"a"}, {"y"}, "identity");
  AddNode(m, "Sigmoid", {"a"}, {"z"}, "sigmoid");
  AddOutput(m, "y", {1, 6});
  AddOutput(m, "z", {1, 6});
  const std::vector<float> before = RunOutputs(m);
  auto removed = RemoveIdentityAndDropout(m);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(OutputNames(m), (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(m.graph().node(0).output(0), "y") << "the Relu writes the output name";
  EXPECT_EQ(m.graph().node(1).input(0), "y");
  EXPECT_EQ(RelL2(before, RunOutputs(m)), 0.0);
}

TEST(IdentityRemovalTest, LeavesAnIdentityFromAGraphInputToAGraphOutput) {
  onnx::ModelProto m = testing::MakeModel({1, 6});
  AddNode(m, "Identity", {"x"}, {"y"}, "identity");
  AddOutput(m, "y", {1, 6});
  auto removed = RemoveIdentityAndDropout(m);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0);
  EXPECT_EQ(CountOps(m, "Identity"), 1);
}

TEST(IdentityRemovalTest, LeavesDropoutsThatAreNotNoOps) {
  // Mask read by another node.
  onnx::ModelProto read_mask = testing::MakeModel({1, 6});
  AddNode(read_mask, "Dropout", {"x"}, {"d", "mask"}, "dropout");
  AddNode(read_mask, "Not", {"mask"}, {"n"}, "not");
  AddOutput(read_mask, "d", {1, 6});
  AddOutput(read_mask, "n", DType::kBool, {1, 6});
  auto removed = RemoveIdentityAndDropout(read_mask);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0);

  // training_mode true (opset 12+), and training_mode given at run time.
  for (bool known : {true, false}) {
    onnx::ModelProto training = testing::MakeModel({1, 6});
    testing::AddInitializer(training, "ratio", testing::MakeTensor(DType::kFloat32, {}, {0.5}));
    if (known) {
      testing::AddInitializer(training, "mode", testing::MakeTensor(DType::kBool, {}, {1}));
    } else {
      testing::AddInput(training, "mode", DType::kBool, {});
    }
    AddNode(training, "Relu", {"x"}, {"r"}, "relu");
    AddNode(training, "Dropout", {"r", "ratio", "mode"}, {"y"}, "dropout");
    AddOutput(training, "y", {1, 6});
    auto kept = RemoveIdentityAndDropout(training);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, 0) << (known ? "training_mode true" : "training_mode at run time");
  }
}

TEST(IdentityRemovalTest, RemovesADropoutWithTrainingModeFalseAndItsConstants) {
  onnx::ModelProto m = testing::MakeModel({1, 6});
  testing::AddInitializer(m, "ratio", testing::MakeTensor(DType::kFloat32, {}, {0.5}));
  testing::AddInitializer(m, "mode", testing::MakeTensor(DType::kBool, {}, {0}));
  AddNode(m, "Relu", {"x"}, {"r"}, "relu");
  AddNode(m, "Dropout", {"r", "ratio", "mode"}, {"d"}, "dropout");
  AddNode(m, "Sigmoid", {"d"}, {"y"}, "sigmoid");
  AddOutput(m, "y", {1, 6});
  auto removed = RemoveIdentityAndDropout(m);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(m.graph().initializer_size(), 0);
}

}  // namespace
}  // namespace edgebench
