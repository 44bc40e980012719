// The shape arithmetic exported models carry (Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape): Shape reads only x's bound shape, so the whole chain
// folds at creation and only the Reshape runs.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

TEST(ShapeChainTest, FoldsAtCreationAndReshapes) {
  // y = Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])): [2, 3, 4] -> [2, 12].
  onnx::ModelProto model = MakeModel({2, 3, 4});
  AddOutput(model, "y", {2, 12});
  AddInitializer(model, "zero", MakeTensor(DType::kInt64, {}, {0}));
  AddInitializer(model, "axes", MakeTensor(DType::kInt64, {1}, {0}));
  AddInitializer(model, "minus_one", MakeTensor(DType::kInt64, {1}, {-1}));
  AddNode(model, "Shape", {"x"}, {"shape"});
  AddNode(model, "Gather", {"shape", "zero"}, {"batch"});
  AddNode(model, "Unsqueeze", {"batch", "axes"}, {"batch_1d"});
  onnx::NodeProto* concat = AddNode(model, "Concat", {"batch_1d", "minus_one"}, {"target"});
  AddAttribute(concat, "axis", onnx::AttributeProto::INT)->set_i(0);
  AddNode(model, "Reshape", {"x", "target"}, {"y"});

  auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", "shape_chain.onnx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto session = Session::Create(*loaded);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ((*session)->num_steps(), 1);  // only the Reshape
  const std::vector<Tensor> inputs = {MakeTensor(DType::kFloat32, {2, 3, 4}, Iota(24))};
  ASSERT_TRUE((*session)->Run(inputs).ok());
  ExpectTensor((*session)->output(0), DType::kFloat32, {2, 12}, Iota(24));
}

}  // namespace
}  // namespace edgebench::testing
