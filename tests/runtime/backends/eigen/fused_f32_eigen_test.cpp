// com.microsoft FusedConv and FusedGemm on the eigen backend against their
// ref kernels (Conv/Gemm, then the activation's own kernel): every
// activation, applied per tile in the output step, with tiles that leave a
// tail, at 1 and 2 threads; FusedConv also with its residual Z.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/backends/backend.h"
#include "tests/runtime/backends/eigen/node_case.h"

namespace edgebench::testing {
namespace {

struct ActivationCase {
  std::string name;
  std::vector<float> conv_params;  // FusedConv's activation_params
};

std::vector<ActivationCase> Activations() {
  return {{"Relu", {}},         {"Tanh", {}},         {"Sigmoid", {}},
          {"LeakyRelu", {0.1f}}, {"Clip", {-0.5f, 0.75f}}, {"HardSigmoid", {0.2f, 0.5f}},
          {"HardSwish", {}}};
}

class EigenFusedTest : public ::testing::TestWithParam<std::tuple<ActivationCase, int>> {};

TEST_P(EigenFusedTest, FusedConvMatchesRef) {
  const auto& [act, threads] = GetParam();
  NodeCase node("FusedConv", "com.microsoft");
  // 23 x 23 = 529 output pixels: two 256-pixel tiles and a tail of 17.
  node.Input({1, 3, 23, 23}, 21).Weight({17, 3, 3, 3}, 22).Weight({17}, 23);
  node.Ints("pads", {1, 1, 1, 1}).String("activation", act.name);
  if (!act.conv_params.empty()) node.Floats("activation_params", act.conv_params);
  const NodeRun run = node.ExpectMatchesRef("eigen", threads);
  EXPECT_EQ(run.report.backend, "eigen");
}

// Z added before the activation: direct 1x1 and im2col 3x3 stride 2, with a
// pixel tail.
TEST_P(EigenFusedTest, FusedConvWithResidualMatchesRef) {
  const auto& [act, threads] = GetParam();
  {
    NodeCase node("FusedConv", "com.microsoft");
    node.Input({1, 6, 23, 23}, 41).Weight({17, 6, 1, 1}, 42).Weight({17}, 43).Input({1, 17, 23, 23}, 44);
    node.String("activation", act.name);
    if (!act.conv_params.empty()) node.Floats("activation_params", act.conv_params);
    EXPECT_EQ(node.ExpectMatchesRef("eigen", threads).report.backend, "eigen");
  }
  {
    NodeCase node("FusedConv", "com.microsoft");
    node.Input({1, 3, 35, 33}, 45).Weight({9, 3, 3, 3}, 46).Weight({9}, 47).Input({1, 9, 18, 17}, 48);
    node.Ints("pads", {1, 1, 1, 1}).Ints("strides", {2, 2}).String("activation", act.name);
    if (!act.conv_params.empty()) node.Floats("activation_params", act.conv_params);
    EXPECT_EQ(node.ExpectMatchesRef("eigen", threads).report.backend, "eigen");
  }
}

TEST_P(EigenFusedTest, FusedGemmMatchesRef) {
  const auto& [act, threads] = GetParam();
  NodeCase node("FusedGemm", "com.microsoft");
  // N = 300: a 256-column tile and a tail of 44.
  node.Input({5, 9}, 31).Weight({300, 9}, 32).Weight({300}, 33).Int("transB", 1).String("activation", act.name);
  if (act.name == "LeakyRelu") node.Float("activation_alpha", 0.1f);
  if (act.name == "HardSigmoid") node.Float("activation_alpha", 0.2f).Float("activation_beta", 0.5f);
  if (act.name == "Clip") node.Float("activation_min", -0.5f).Float("activation_max", 0.75f);
  const NodeRun run = node.ExpectMatchesRef("eigen", threads);
  EXPECT_EQ(run.report.backend, "eigen");
}

INSTANTIATE_TEST_SUITE_P(Activations, EigenFusedTest,
                         ::testing::Combine(::testing::ValuesIn(Activations()), ::testing::Values(1, 2)),
                         [](const auto& p) {
                           return std::get<0>(p.param).name + "_threads" + std::to_string(std::get<1>(p.param));
                         });

// What the backend claims, asked directly: FusedConv with and without its
// residual input Z in float32 is taken; float16 inputs stay with ref.
TEST(EigenBackendFind, TakesFusedConvWithZAndLeavesFloat16ToRef) {
  Node node;
  node.op_type = "FusedConv";
  node.domain = "com.microsoft";
  const Tensor x = Info(DType::kFloat32, {1, 3, 5, 5});
  const Tensor w = Info(DType::kFloat32, {4, 3, 1, 1});
  const Tensor b = Info(DType::kFloat32, {4});
  const Tensor z = Info(DType::kFloat32, {1, 4, 5, 5});
  const Tensor x16 = Info(DType::kFloat16, {1, 3, 5, 5});
  const Backend& eigen = *FindBackend("eigen").value();

  EXPECT_NE(eigen.Find(node, InferContext(node, 13, {&x, &w, &b}, {false, true, true})), nullptr);
  EXPECT_NE(eigen.Find(node, InferContext(node, 13, {&x, &w, &b, &z}, {false, true, true, true})), nullptr);
  EXPECT_EQ(eigen.Find(node, InferContext(node, 13, {&x16, &w, &b}, {false, true, true})), nullptr);
}

}  // namespace
}  // namespace edgebench::testing
