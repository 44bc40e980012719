// com.microsoft FusedConv: the Conv ref kernel, the residual Z, then the
// activation's kernel, in place; its attribute contract (activation,
// activation_params) and errors.
// Agreement with Conv + activation for every activation is checked by the
// activation fusion pass's tests (tests/runtime/passes/activation_fusion_test.cpp).
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

// x [1, 2, 4, 4] -> FusedConv 1x1 (W = identity over 2 channels, B = {-1, 2}).
onnx::ModelProto FusedConvModel(const std::string& activation, const std::vector<float>& params) {
  onnx::ModelProto m = testing::MakeModel({1, 2, 4, 4});
  auto* ms = m.add_opset_import();
  ms->set_domain("com.microsoft");
  ms->set_version(1);
  testing::AddFloatInitializer(m, "w", {2, 2, 1, 1}, {1, 0, 0, 1});
  testing::AddFloatInitializer(m, "b", {2}, {-1, 2});
  auto* node = testing::AddNode(m, "FusedConv", {"x", "w", "b"}, {"y"}, "fused");
  node->set_domain("com.microsoft");
  if (!activation.empty()) AddAttribute(node, "activation", onnx::AttributeProto::STRING)->set_s(activation);
  if (!params.empty()) {
    auto* a = AddAttribute(node, "activation_params", onnx::AttributeProto::FLOATS);
    for (float p : params) a->add_floats(p);
  }
  testing::AddOutput(m, "y", {1, 2, 4, 4});
  return m;
}

Expected<std::unique_ptr<Session>> Create(const onnx::ModelProto& m) {
  EB_ASSIGN_OR_RETURN(auto model, LoadModelFromBytes(m.SerializeAsString(), "", "fused_conv"));
  return Session::Create(model);
}

TEST(FusedConvTest, ClipsTheConvOutputWithoutAllocatingInRun) {
  auto session = Create(FusedConvModel("Clip", {0.0f, 1.5f}));
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  std::vector<double> x = testing::Iota(32);
  for (double& v : x) v = v / 16.0 - 0.5;  // [-0.5, 1.4375]
  const std::vector<Tensor> inputs = {testing::MakeTensor(DType::kFloat32, {1, 2, 4, 4}, x)};
  ASSERT_TRUE((*session)->Run(inputs).ok());
  std::vector<double> expected(32);
  for (int i = 0; i < 32; ++i) expected[i] = std::min(std::max(x[i] + (i < 16 ? -1.0 : 2.0), 0.0), 1.5);
  testing::ExpectNear((*session)->output(0), {1, 2, 4, 4}, expected);

  testing::AllocationCounter counter;
  ASSERT_TRUE((*session)->Run(inputs).ok());
  EXPECT_EQ(counter.count(), 0);
}

TEST(FusedConvTest, WithoutAnActivationIsConv) {
  auto session = Create(FusedConvModel("", {}));
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  const Tensor input = testing::MakeTensor(DType::kFloat32, {1, 2, 4, 4}, testing::Iota(32));
  ASSERT_TRUE((*session)->Run({input}).ok());
  std::vector<double> expected(32);
  for (int i = 0; i < 32; ++i) expected[i] = i + (i < 16 ? -1.0 : 2.0);
  testing::ExpectNear((*session)->output(0), {1, 2, 4, 4}, expected);
}

TEST(FusedConvTest, RefusesAWrongParameterCountAndUnknownActivations) {
  auto wrong_count = Create(FusedConvModel("Clip", {0.0f}));
  ASSERT_FALSE(wrong_count.ok());
  EXPECT_NE(wrong_count.status().message().find("activation_params"), std::string::npos)
      << wrong_count.status().ToString();
  EXPECT_NE(wrong_count.status().message().find("fused"), std::string::npos) << "names the node";

  auto unknown = Create(FusedConvModel("Gelu", {}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("'Gelu'"), std::string::npos) << unknown.status().ToString();
}

// Z is added before the activation (ONNX Runtime's order): with Relu, a
// negative conv output plus a positive Z survives, which it would not if Z
// were added after.
TEST(FusedConvTest, AddsTheResidualInputZBeforeTheActivation) {
  onnx::ModelProto m = FusedConvModel("Relu", {});
  std::vector<float> z(32);
  for (int i = 0; i < 32; ++i) z[i] = (i % 2 == 0) ? 3.0f : -3.0f;
  testing::AddFloatInitializer(m, "z", {1, 2, 4, 4}, z);
  m.mutable_graph()->mutable_node(0)->add_input("z");
  auto session = Create(m);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  std::vector<double> x(32, -0.5);
  const std::vector<Tensor> inputs = {testing::MakeTensor(DType::kFloat32, {1, 2, 4, 4}, x)};
  ASSERT_TRUE((*session)->Run(inputs).ok());
  std::vector<double> expected(32);
  for (int i = 0; i < 32; ++i) expected[i] = std::max(-0.5 + (i < 16 ? -1.0 : 2.0) + z[i], 0.0);
  testing::ExpectNear((*session)->output(0), {1, 2, 4, 4}, expected);
}

TEST(FusedConvTest, RefusesAResidualInputOfAnotherShape) {
  onnx::ModelProto m = FusedConvModel("Relu", {});
  testing::AddFloatInitializer(m, "z", {1, 2, 2, 2}, std::vector<float>(8, 1.0f));
  m.mutable_graph()->mutable_node(0)->add_input("z");
  auto session = Create(m);
  ASSERT_FALSE(session.ok());
  EXPECT_NE(session.status().message().find("Z"), std::string::npos) << session.status().ToString();
}

}  // namespace
}  // namespace edgebench
