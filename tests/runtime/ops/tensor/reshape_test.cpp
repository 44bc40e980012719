// Reshape: 0 copies a dim, -1 is inferred, opset 14's allowzero, every data
// type, in-place planning, and the errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

TEST(ReshapeTest, ZeroCopiesAndMinusOneInfers) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> data = SmallValues(dtype, 24);
    OpTester t("Reshape", 13);
    t.Input(dtype, {2, 3, 4}, data).Known(DType::kInt64, {3}, {0, -1, 2}).Output(dtype, {2, 6, 2});
    ExpectTensor(t.Run(), dtype, {2, 6, 2}, data);
  }
}

TEST(ReshapeTest, AllowZeroKeepsARealZeroDim) {
  OpTester t("Reshape", 14);
  t.Input(DType::kFloat32, {0, 3}, {}).Known(DType::kInt64, {3}, {3, 0, 5}).Attr("allowzero", int64_t{1});
  t.Output(DType::kFloat32, {3, 0, 5});
  ExpectTensor(t.Run(), DType::kFloat32, {3, 0, 5}, {});
}

TEST(ReshapeTest, ShapeInputFixedAtCreation) {
  // As the ONNX node tests feed it: a graph input whose data the session gets up front.
  OpTester t("Reshape", 13);
  t.Input(DType::kFloat32, {2, 3}, Iota(6)).Fixed(DType::kInt64, {2}, {3, -1}).Output(DType::kFloat32, {3, 2});
  ExpectTensor(t.Run(), DType::kFloat32, {3, 2}, Iota(6));
}

TEST(ReshapeTest, AllowZeroIsIgnoredBeforeOpset14) {
  Attributes attrs;
  attrs.Set("allowzero", IntAttribute(1));
  // Before 14 the 0 copies dim 0 (2), giving [2, 3].
  EXPECT_TRUE(InferOp("Reshape", 13, {Info(DType::kFloat32, {2, 3}), MakeTensor(DType::kInt64, {2}, {0, 3})}, attrs).ok());
  const Status s =
      InferOp("Reshape", 14, {Info(DType::kFloat32, {2, 3}), MakeTensor(DType::kInt64, {2}, {0, 3})}, attrs);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

TEST(ReshapeTest, Errors) {
  const Tensor x = Info(DType::kFloat32, {2, 3});
  Status s = InferOp("Reshape", 13, {x, MakeTensor(DType::kInt64, {2}, {-1, -1})});
  EXPECT_NE(s.message().find("more than one -1"), std::string::npos) << s.message();
  s = InferOp("Reshape", 13, {x, MakeTensor(DType::kInt64, {2}, {4, 2})});
  EXPECT_NE(s.message().find("cannot reshape"), std::string::npos) << s.message();
  s = InferOp("Reshape", 13, {x, MakeTensor(DType::kInt64, {2}, {-1, 4})});
  EXPECT_NE(s.message().find("cannot reshape"), std::string::npos) << s.message();
  s = InferOp("Reshape", 13, {x, MakeTensor(DType::kInt64, {3}, {1, 6, 0})});
  EXPECT_NE(s.message().find("copies dim 2"), std::string::npos) << s.message();
  s = InferOp("Reshape", 13, {x, Info(DType::kInt64, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

TEST(ReshapeTest, IsPlannedInPlace) {
  // x -> Relu -> a -> Reshape -> b -> Relu -> y: b may take a's buffer.
  onnx::ModelProto model = MakeModel({6});
  AddInitializer(model, "shape", MakeTensor(DType::kInt64, {2}, {2, 3}));
  AddNode(model, "Relu", {"x"}, {"a"});
  AddNode(model, "Reshape", {"a", "shape"}, {"b"});
  AddNode(model, "Relu", {"b"}, {"y"});
  AddOutput(model, "y", {2, 3});
  auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", "in_place.onnx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto session = Session::Create(*loaded);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  const Graph& graph = (*session)->graph();
  int buffer_a = -1, buffer_b = -2;
  for (const ArenaValue& v : (*session)->arena_values()) {
    if (graph.values[v.value].name == "a") buffer_a = v.buffer;
    if (graph.values[v.value].name == "b") buffer_b = v.buffer;
  }
  EXPECT_EQ(buffer_a, buffer_b);
  const std::vector<Tensor> inputs = {MakeTensor(DType::kFloat32, {6}, {-1, 2, -3, 4, 5, -6})};
  ASSERT_TRUE((*session)->Run(inputs).ok());
  ExpectTensor((*session)->output(0), DType::kFloat32, {2, 3}, {0, 2, 0, 4, 5, 0});
}

}  // namespace
}  // namespace edgebench::testing
