// Resize beyond the ONNX node tests: opset 10's (X, scales) form with its
// asymmetric mapping, opset 11's empty-scales-plus-sizes form, integer data
// in nearest mode, a 3-D linear resize, and errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ResizeTest, Opset10Nearest) {
  {
    SCOPED_TRACE("upsample");
    OpTester t("Resize", 10);
    t.Input(DType::kFloat32, {1, 1, 2, 2}, {1, 2, 3, 4}).Known(DType::kFloat32, {4}, {1, 1, 2, 3});
    t.Output(DType::kFloat32);
    ExpectNear(t.Run(), {1, 1, 4, 6}, {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4});
  }
  {
    SCOPED_TRACE("downsample");
    OpTester t("Resize", 10);
    t.Input(DType::kFloat32, {1, 1, 2, 4}, Iota(8)).Known(DType::kFloat32, {4}, {1, 1, 0.6f, 0.6f});
    t.Output(DType::kFloat32);
    ExpectNear(t.Run(), {1, 1, 1, 2}, {0, 2});
  }
}

TEST(ResizeTest, Opset10Linear) {
  OpTester t("Resize", 10);
  t.Input(DType::kFloat32, {1, 1, 2, 2}, {1, 2, 3, 4}).Known(DType::kFloat32, {4}, {1, 1, 2, 2});
  t.Attr("mode", std::string("linear")).Output(DType::kFloat32);
  ExpectNear(t.Run(), {1, 1, 4, 4}, {1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4});
}

TEST(ResizeTest, Opset11EmptyScalesWithSizes) {
  OpTester t("Resize", 11);
  t.Input(DType::kFloat32, {1, 1, 2, 2}, {1, 2, 3, 4});
  t.Known(DType::kFloat32, {0}, {}).Known(DType::kFloat32, {0}, {}).Known(DType::kInt64, {4}, {1, 1, 3, 2});
  t.Attr("coordinate_transformation_mode", std::string("asymmetric")).Output(DType::kFloat32);
  // Rows 0, 2/3, 4/3 round half down to 0, 1, 1.
  ExpectNear(t.Run(), {1, 1, 3, 2}, {1, 2, 3, 4, 3, 4});
}

TEST(ResizeTest, IntegerNearest) {
  for (DType dtype : {DType::kUInt8, DType::kInt8, DType::kInt32, DType::kInt64}) {
    SCOPED_TRACE(DTypeName(dtype));
    OpTester t("Resize", 13);
    t.Input(dtype, {1, 3}, {7, 8, 9}).NoInput().Known(DType::kFloat32, {2}, {2, 2});
    t.Output(dtype);
    ExpectTensor(t.Run(), dtype, {2, 6}, {7, 7, 8, 8, 9, 9, 7, 7, 8, 8, 9, 9});
  }
  Attributes linear;
  linear.Set("mode", StringAttribute("linear"));
  const Status s = InferOp("Resize", 13,
                           {Info(DType::kUInt8, {1, 3}), Tensor(), MakeTensor(DType::kFloat32, {2}, {2, 2})},
                           linear);
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

TEST(ResizeTest, TrilinearAlignCorners) {
  // With align_corners, a [2, 2, 2] cube resized to [3, 3, 3] puts the middle
  // of every axis halfway between the corners: x + 2y + 4z on the grid.
  OpTester t("Resize", 13);
  t.Input(DType::kFloat32, {2, 2, 2}, Iota(8)).NoInput().NoInput().Known(DType::kInt64, {3}, {3, 3, 3});
  t.Attr("mode", std::string("linear")).Attr("coordinate_transformation_mode", std::string("align_corners"));
  t.Output(DType::kFloat32);
  std::vector<double> expected;
  for (int z = 0; z < 3; ++z) {
    for (int y = 0; y < 3; ++y) {
      for (int x = 0; x < 3; ++x) expected.push_back(0.5 * x + 1.0 * y + 2.0 * z);
    }
  }
  ExpectNear(t.Run(), {3, 3, 3}, expected);
}

TEST(ResizeTest, Errors) {
  const Tensor scales = MakeTensor(DType::kFloat32, {2}, {2, 2});
  const Tensor sizes = MakeTensor(DType::kInt64, {2}, {2, 6});
  // Both scales and sizes.
  Status s = InferOp("Resize", 13, {Info(DType::kFloat32, {1, 3}), Tensor(), scales, sizes});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // Neither.
  s = InferOp("Resize", 13, {Info(DType::kFloat32, {1, 3})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // Scales of the wrong length.
  s = InferOp("Resize", 13, {Info(DType::kFloat32, {1, 1, 3}), Tensor(), scales});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // Scales not known at creation.
  s = InferOp("Resize", 13, {Info(DType::kFloat32, {1, 3}), Tensor(), Info(DType::kFloat32, {2})});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
