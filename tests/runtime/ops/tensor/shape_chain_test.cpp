// The shape arithmetic exported models carry (Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape): Shape reads only x's bound shape, so the whole chain
// folds at creation and only the Reshape runs.
#include <gtest/gtest.h>

#include "tests/runtime/ops/tensor/tensor_op_tester.h"

namespace edgebench::testing::tensor_ops {
namespace {

void SetFloatType(onnx::ValueInfoProto* v, const std::string& name, const Shape& shape) {
  v->set_name(name);
  auto* type = v->mutable_type()->mutable_tensor_type();
  type->set_elem_type(static_cast<int>(DType::kFloat32));
  for (int64_t d : shape) type->mutable_shape()->add_dim()->set_dim_value(d);
}

onnx::NodeProto* AddNode(onnx::GraphProto* g, const std::string& op, const std::vector<std::string>& inputs,
                         const std::string& output) {
  auto* n = g->add_node();
  n->set_op_type(op);
  n->set_name(output);
  for (const auto& in : inputs) n->add_input(in);
  n->add_output(output);
  return n;
}

TEST(ShapeChainTest, FoldsAtCreationAndReshapes) {
  // y = Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])): [2, 3, 4] -> [2, 12].
  onnx::ModelProto model;
  model.set_ir_version(8);
  model.add_opset_import()->set_version(13);
  auto* g = model.mutable_graph();
  g->set_name("shape_chain");
  SetFloatType(g->add_input(), "x", {2, 3, 4});
  SetFloatType(g->add_output(), "y", {2, 12});
  *g->add_initializer() = ToProto(MakeTensor(DType::kInt64, {}, {0}), "zero");
  *g->add_initializer() = ToProto(MakeTensor(DType::kInt64, {1}, {0}), "axes");
  *g->add_initializer() = ToProto(MakeTensor(DType::kInt64, {1}, {-1}), "minus_one");
  AddNode(g, "Shape", {"x"}, "shape");
  AddNode(g, "Gather", {"shape", "zero"}, "batch");
  AddNode(g, "Unsqueeze", {"batch", "axes"}, "batch_1d");
  auto* concat = AddNode(g, "Concat", {"batch_1d", "minus_one"}, "target");
  auto* axis = concat->add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(0);
  AddNode(g, "Reshape", {"x", "target"}, "y");

  auto loaded = LoadModelFromBytes(model.SerializeAsString(), "/tmp", "shape_chain.onnx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto session = Session::Create(*loaded);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ((*session)->num_steps(), 1);  // only the Reshape
  const std::vector<Tensor> inputs = {MakeTensor(DType::kFloat32, {2, 3, 4}, Iota(24))};
  ASSERT_TRUE((*session)->Run(inputs).ok());
  ExpectTensor((*session)->output(0), DType::kFloat32, {2, 12}, Iota(24));
}

}  // namespace
}  // namespace edgebench::testing::tensor_ops
