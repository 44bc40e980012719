// com.microsoft FusedGemm: the Gemm ref kernel then the activation's, in
// place, with the activation's attributes prefixed "activation_".
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddAttribute;

// x [2, 3] -> FusedGemm (B = [3, 2] all ones, alpha 2) -> y [2, 2].
onnx::ModelProto FusedGemmModel(const std::string& activation,
                                const std::vector<std::pair<std::string, float>>& attributes) {
  onnx::ModelProto m = testing::MakeModel({2, 3});
  auto* ms = m.add_opset_import();
  ms->set_domain("com.microsoft");
  ms->set_version(1);
  testing::AddFloatInitializer(m, "w", {3, 2}, std::vector<float>(6, 1.0f));
  auto* node = testing::AddNode(m, "FusedGemm", {"x", "w"}, {"y"}, "fused");
  node->set_domain("com.microsoft");
  AddAttribute(node, "alpha", onnx::AttributeProto::FLOAT)->set_f(2.0f);
  AddAttribute(node, "activation", onnx::AttributeProto::STRING)->set_s(activation);
  for (const auto& [name, value] : attributes) AddAttribute(node, name, onnx::AttributeProto::FLOAT)->set_f(value);
  testing::AddOutput(m, "y", {2, 2});
  return m;
}

Tensor RunOnce(const onnx::ModelProto& m, const std::vector<double>& x, int64_t* allocations) {
  auto model = LoadModelFromBytes(m.SerializeAsString(), "", "fused_gemm");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  const std::vector<Tensor> inputs = {testing::MakeTensor(DType::kFloat32, {2, 3}, x)};
  EXPECT_TRUE((*session)->Run(inputs).ok());
  testing::AllocationCounter counter;
  EXPECT_TRUE((*session)->Run(inputs).ok());
  *allocations = counter.count();
  return (*session)->output(0).Clone().value();
}

TEST(FusedGemmTest, LeakyReluReadsActivationAlpha) {
  int64_t allocations = -1;
  // Row sums 6 and -6, times alpha 2: 12 and -12; LeakyRelu 0.5 halves the negative row.
  const Tensor y = RunOnce(FusedGemmModel("LeakyRelu", {{"activation_alpha", 0.5f}}), {1, 2, 3, -1, -2, -3},
                           &allocations);
  testing::ExpectNear(y, {2, 2}, {12, 12, -6, -6});
  EXPECT_EQ(allocations, 0);
}

TEST(FusedGemmTest, ClipReadsActivationMinAndMax) {
  int64_t allocations = -1;
  const Tensor y = RunOnce(FusedGemmModel("Clip", {{"activation_min", -1.0f}, {"activation_max", 6.0f}}),
                           {1, 2, 3, -1, -2, -3}, &allocations);
  testing::ExpectNear(y, {2, 2}, {6, 6, -1, -1});
}

TEST(FusedGemmTest, HardSwishIsAnEdgebenchExtension) {
  int64_t allocations = -1;
  // 2 * (x0 + x1 + x2): 1 and -4; HardSwish(1) = 1 * (1/6 + 1/2), HardSwish(-4) = 0.
  const Tensor y = RunOnce(FusedGemmModel("HardSwish", {}), {0.5, 0, 0, -2, 0, 0}, &allocations);
  testing::ExpectNear(y, {2, 2}, {2.0 / 3.0, 2.0 / 3.0, 0, 0});
}

}  // namespace
}  // namespace edgebench
