#include "runtime/passes/conv_add_mul_folding.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "runtime/precision/float16_converter.h"
#include "tests/runtime/passes/pass_test_util.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddFloatInitializer;
using testing::AddNode;
using testing::AddOutput;
using testing::CountOps;
using testing::RelL2;
using testing::Random;
using testing::RunOutputs;

// x [1, 3, 5, 5] -> Conv 3x3 (4 filters, bias when asked) -> c.
onnx::ModelProto Conv(bool bias) {
  onnx::ModelProto m = testing::MakeModel({1, 3, 5, 5});
  AddFloatInitializer(m, "w", {4, 3, 3, 3}, Random(108, 1));
  std::vector<std::string> inputs = {"x", "w"};
  if (bias) {
    AddFloatInitializer(m, "b", {4}, Random(4, 2));
    inputs.push_back("b");
  }
  AddNode(m, "Conv", inputs, {"c"}, "conv");
  return m;
}

Expected<int> FoldAndCompare(onnx::ModelProto& m, double* rel_l2) {
  const std::vector<float> before = RunOutputs(m);
  auto folded = FoldAddMulIntoConv(m);
  if (folded.ok()) *rel_l2 = RelL2(before, RunOutputs(m));
  return folded;
}

TEST(ConvAddMulFoldingTest, FoldsAPerChannelMulThenAddChain) {
  onnx::ModelProto m = Conv(/*bias=*/true);
  AddFloatInitializer(m, "s", {4, 1, 1}, Random(4, 3));
  AddNode(m, "Mul", {"c", "s"}, {"scaled"}, "mul");
  AddFloatInitializer(m, "a", {1, 4, 1, 1}, Random(4, 4));
  AddNode(m, "Add", {"a", "scaled"}, {"y"}, "add");  // the constant first: Add commutes
  AddOutput(m, "y", {1, 4, 3, 3});
  double rel = 1;
  auto folded = FoldAndCompare(m, &rel);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 2);
  EXPECT_EQ(m.graph().node_size(), 1);
  EXPECT_EQ(m.graph().node(0).output(0), "y");
  EXPECT_LT(rel, 1e-6);
  EXPECT_EQ(m.graph().initializer_size(), 2) << "old weights, bias and constants removed";
}

TEST(ConvAddMulFoldingTest, FoldsFloat16WeightsInFloat32AndRoundsOnce) {
  onnx::ModelProto m = Conv(/*bias=*/true);
  AddFloatInitializer(m, "s", {4, 1, 1}, Random(4, 3));
  AddNode(m, "Mul", {"c", "s"}, {"scaled"}, "mul");
  AddFloatInitializer(m, "a", {1, 4, 1, 1}, Random(4, 4));
  AddNode(m, "Add", {"scaled", "a"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 3, 3});
  Float16ConversionReport conversion;
  ASSERT_TRUE(ConvertToFloat16(m, &conversion).ok());
  double rel = 1;
  auto folded = FoldAndCompare(m, &rel);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 2);
  EXPECT_EQ(CountOps(m, "Conv"), 1);
  for (const auto& init : m.graph().initializer()) EXPECT_EQ(init.data_type(), onnx::TensorProto::FLOAT16);
  EXPECT_LT(rel, 2e-3);
}

TEST(ConvAddMulFoldingTest, ScalarMulOnAConvWithoutBiasAddsNoBias) {
  onnx::ModelProto m = Conv(/*bias=*/false);
  AddFloatInitializer(m, "s", {}, {0.75f});
  AddNode(m, "Mul", {"c", "s"}, {"y"}, "mul");
  AddOutput(m, "y", {1, 4, 3, 3});
  double rel = 1;
  auto folded = FoldAndCompare(m, &rel);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 1);
  EXPECT_EQ(m.graph().node(0).input_size(), 2);
  EXPECT_LT(rel, 1e-6);
}

TEST(ConvAddMulFoldingTest, AddOnAConvWithoutBiasBecomesItsBias) {
  onnx::ModelProto m = Conv(/*bias=*/false);
  AddFloatInitializer(m, "a", {1, 4, 1, 1}, Random(4, 5));
  AddNode(m, "Add", {"c", "a"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 3, 3});
  double rel = 1;
  auto folded = FoldAndCompare(m, &rel);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 1);
  EXPECT_EQ(m.graph().node(0).input_size(), 3);
  EXPECT_LT(rel, 1e-6);
}

// Constants that broadcast but do not vary along channels alone.
TEST(ConvAddMulFoldingTest, LeavesConstantsThatAreNotPerChannelAlone) {
  struct Case {
    const char* what;
    std::vector<int64_t> dims;
    std::vector<int64_t> y_dims;
  };
  const std::vector<Case> cases = {
      {"varies along the last spatial axis", {3}, {1, 4, 3, 3}},
      {"varies along both spatial axes", {4, 1, 3}, {1, 4, 3, 3}},
      {"broadcasts the batch to 2", {2, 4, 1, 1}, {2, 4, 3, 3}},
      {"raises the rank to 5", {1, 1, 4, 1, 1}, {1, 1, 4, 3, 3}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    for (const char* op : {"Add", "Mul"}) {
      onnx::ModelProto m = Conv(/*bias=*/true);
      int64_t n = 1;
      for (int64_t d : c.dims) n *= d;
      AddFloatInitializer(m, "k", c.dims, Random(n, 6));
      AddNode(m, op, {"c", "k"}, {"y"}, "op");
      AddOutput(m, "y", c.y_dims);
      const std::string bytes = m.SerializeAsString();
      auto folded = FoldAddMulIntoConv(m);
      ASSERT_TRUE(folded.ok());
      EXPECT_EQ(*folded, 0) << op;
      EXPECT_EQ(m.SerializeAsString(), bytes) << op;
    }
  }
}

TEST(ConvAddMulFoldingTest, LeavesAConvWithTwoConsumersAlone) {
  onnx::ModelProto m = Conv(/*bias=*/true);
  AddFloatInitializer(m, "s", {4, 1, 1}, Random(4, 3));
  AddNode(m, "Mul", {"c", "s"}, {"y"}, "mul");
  AddNode(m, "Relu", {"c"}, {"r"}, "relu");
  AddOutput(m, "y", {1, 4, 3, 3});
  AddOutput(m, "r", {1, 4, 3, 3});
  auto folded = FoldAddMulIntoConv(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
  EXPECT_EQ(CountOps(m, "Mul"), 1);
}

TEST(ConvAddMulFoldingTest, LeavesAnAddOfTwoRunTimeValuesAlone) {
  onnx::ModelProto m = Conv(/*bias=*/true);
  AddNode(m, "Add", {"c", "c"}, {"y"}, "add");
  AddOutput(m, "y", {1, 4, 3, 3});
  auto folded = FoldAddMulIntoConv(m);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(*folded, 0);
}

}  // namespace
}  // namespace edgebench
