#include "runtime/quant/qdq_canonical_form.h"

#include <gtest/gtest.h>

#include "runtime/quant/onnx_model_edit.h"
#include "tests/support/qdq_model_builder.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::OpTypes;
using Strings = std::vector<std::string>;

QdqCanonicalFormReport Canonicalize(onnx::ModelProto& model) {
  QdqCanonicalFormReport report;
  const Status status = CanonicalizeQdqConstants(model, &report);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return report;
}

void AddConstant(onnx::ModelProto& model, const std::string& name, const Tensor& value) {
  onnx::NodeProto* node = testing::AddNode(model, "Constant", {}, {name}, name + "_constant");
  onnx::TensorProto proto;
  onnx::ModelProto holder;
  testing::AddInitializer(holder, name, value);
  *testing::AddAttribute(node, "value", onnx::AttributeProto::TENSOR)->mutable_t() = holder.graph().initializer(0);
}

// int32 x [2] + Cast(Constant c float [2]) -> "y".
onnx::ModelProto MakeCastOfConstantModel(const std::vector<double>& c) {
  onnx::ModelProto model = testing::MakeEmptyModel();
  testing::AddInput(model, "x", DType::kInt32, {2});
  AddConstant(model, "c", testing::MakeTensor(DType::kFloat32, {2}, c));
  auto* cast = testing::AddNode(model, "Cast", {"c"}, {"c_int"}, "cast");
  testing::QdqModelBuilder::IntAttr(cast, "to", onnx::TensorProto::INT32);
  testing::AddNode(model, "Add", {"x", "c_int"}, {"y"}, "add");
  testing::AddOutput(model, "y", DType::kInt32, {2});
  return model;
}

const onnx::TensorProto* Initializer(const onnx::ModelProto& model, const std::string& name) {
  for (const auto& init : model.graph().initializer()) {
    if (init.name() == name) return &init;
  }
  return nullptr;
}

TEST(QdqCanonicalFormTest, CastOfAConstantFoldsWhenExact) {
  onnx::ModelProto model = MakeCastOfConstantModel({2.0, -3.0});
  const QdqCanonicalFormReport report = Canonicalize(model);
  EXPECT_EQ(OpTypes(model), (Strings{"Add"}));
  EXPECT_EQ(report.constants_to_initializers, 1);
  EXPECT_EQ(report.folded, 1);
  const onnx::TensorProto* folded = Initializer(model, "c_int");
  ASSERT_NE(folded, nullptr);
  auto value = ReadInitializer(*folded);
  ASSERT_TRUE(value.ok());
  testing::ExpectTensor(*value, DType::kInt32, {2}, {2, -3});
  EXPECT_EQ(Initializer(model, "c"), nullptr);  // read by the folded Cast alone
}

TEST(QdqCanonicalFormTest, CastThatWouldRoundStays) {
  onnx::ModelProto model = MakeCastOfConstantModel({0.5, 1.0});
  const QdqCanonicalFormReport report = Canonicalize(model);
  EXPECT_EQ(OpTypes(model), (Strings{"Cast", "Add"}));
  EXPECT_EQ(report.folded, 0);
  EXPECT_NE(Initializer(model, "c"), nullptr);
}

TEST(QdqCanonicalFormTest, ConstantOfShapeFolds) {
  onnx::ModelProto model = testing::MakeEmptyModel();
  testing::AddInput(model, "x", DType::kInt32, {3});
  AddConstant(model, "shape", testing::MakeTensor(DType::kInt64, {1}, {3}));
  auto* fill = testing::AddNode(model, "ConstantOfShape", {"shape"}, {"sevens"}, "fill");
  onnx::TensorProto* v = testing::AddAttribute(fill, "value", onnx::AttributeProto::TENSOR)->mutable_t();
  v->set_data_type(onnx::TensorProto::INT32);
  v->add_dims(1);
  v->add_int32_data(7);
  testing::AddNode(model, "Add", {"x", "sevens"}, {"y"}, "add");
  testing::AddOutput(model, "y", DType::kInt32, {3});
  const QdqCanonicalFormReport report = Canonicalize(model);
  EXPECT_EQ(OpTypes(model), (Strings{"Add"}));
  EXPECT_EQ(report.folded, 1);
  auto value = ReadInitializer(*Initializer(model, "sevens"));
  ASSERT_TRUE(value.ok());
  testing::ExpectTensor(*value, DType::kInt32, {3}, {7, 7, 7});
}

TEST(QdqCanonicalFormTest, IdentityAndSameTypeCastBypassedUnlessAGraphOutput) {
  // x -> Identity -> Cast(float) -> Relu -> "y", and x -> Identity -> "z" (a graph output).
  onnx::ModelProto model = testing::MakeEmptyModel();
  testing::AddInput(model, "x", DType::kFloat32, {4});
  testing::AddNode(model, "Identity", {"x"}, {"x_id"}, "identity");
  auto* cast = testing::AddNode(model, "Cast", {"x_id"}, {"x_cast"}, "cast");
  testing::QdqModelBuilder::IntAttr(cast, "to", onnx::TensorProto::FLOAT);
  testing::AddNode(model, "Relu", {"x_cast"}, {"y"}, "relu");
  testing::AddNode(model, "Identity", {"x"}, {"z"}, "identity_out");
  testing::AddOutput(model, "y", DType::kFloat32, {4});
  testing::AddOutput(model, "z", DType::kFloat32, {4});
  const QdqCanonicalFormReport report = Canonicalize(model);
  EXPECT_EQ(OpTypes(model), (Strings{"Relu", "Identity"}));
  EXPECT_EQ(report.bypassed, 2);
  EXPECT_EQ(model.graph().node(0).input(0), "x");
  EXPECT_EQ(model.graph().node(1).output(0), "z");
}

TEST(QdqCanonicalFormTest, CastToAnotherTypeOfAnActivationStays) {
  onnx::ModelProto model = testing::MakeEmptyModel();
  testing::AddInput(model, "x", DType::kFloat32, {4});
  auto* cast = testing::AddNode(model, "Cast", {"x"}, {"x_int"}, "cast");
  testing::QdqModelBuilder::IntAttr(cast, "to", onnx::TensorProto::INT32);
  testing::AddNode(model, "Neg", {"x_int"}, {"y"}, "neg");
  testing::AddOutput(model, "y", DType::kInt32, {4});
  const QdqCanonicalFormReport report = Canonicalize(model);
  EXPECT_EQ(OpTypes(model), (Strings{"Cast", "Neg"}));
  EXPECT_EQ(report.total(), 0);
}

}  // namespace
}  // namespace edgebench
