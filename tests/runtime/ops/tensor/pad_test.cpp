// Pad beyond the conformance tests: the attribute form before opset 11,
// integer data in every mode, negative pads (crop), the constant_value input
// arriving at run time, and errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(PadTest, AttributesBeforeOpset11) {
  OpTester t("Pad", 10);
  t.Input(DType::kFloat32, {1, 2}, {1, 2}).Ints("pads", {0, 1, 1, 2}).Attr("value", 9.5f).Output(DType::kFloat32, {2, 5});
  ExpectTensor(t.Run(), DType::kFloat32, {2, 5}, {9.5, 1, 2, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5});
}

TEST(PadTest, ReflectAndEdgeOnInt32) {
  OpTester reflect("Pad", 13);
  reflect.Input(DType::kInt32, {3}, {1, 2, 3}).Known(DType::kInt64, {2}, {2, 2}).Attr("mode", std::string("reflect"));
  reflect.Output(DType::kInt32, {7});
  ExpectTensor(reflect.Run(), DType::kInt32, {7}, {3, 2, 1, 2, 3, 2, 1});

  OpTester edge("Pad", 13);
  edge.Input(DType::kInt32, {3}, {1, 2, 3}).Known(DType::kInt64, {2}, {1, 3}).Attr("mode", std::string("edge"));
  edge.Output(DType::kInt32, {7});
  ExpectTensor(edge.Run(), DType::kInt32, {7}, {1, 1, 2, 3, 3, 3, 3});
}

TEST(PadTest, ReflectFurtherThanTheDimKeepsMirroring) {
  OpTester t("Pad", 13);
  t.Input(DType::kInt64, {2}, {5, 6}).Known(DType::kInt64, {2}, {3, 0}).Attr("mode", std::string("reflect"));
  t.Output(DType::kInt64, {5});
  ExpectTensor(t.Run(), DType::kInt64, {5}, {6, 5, 6, 5, 6});
}

TEST(PadTest, NegativePadsCrop) {
  OpTester t("Pad", 13);
  t.Input(DType::kUInt8, {2, 4}, Iota(8)).Known(DType::kInt64, {4}, {-1, 1, 0, -2}).Output(DType::kUInt8, {1, 3});
  ExpectTensor(t.Run(), DType::kUInt8, {1, 3}, {0, 4, 5});
}

TEST(PadTest, CropThenReflectUsesTheCroppedTensor) {
  // Crop 1 at the start leaves [1, 2, 3]; reflect 2 at the end gives 2, 1.
  OpTester t("Pad", 13);
  t.Input(DType::kFloat32, {4}, {0, 1, 2, 3}).Known(DType::kInt64, {2}, {-1, 2}).Attr("mode", std::string("reflect"));
  t.Output(DType::kFloat32, {5});
  ExpectTensor(t.Run(), DType::kFloat32, {5}, {1, 2, 3, 2, 1});
}

TEST(PadTest, ConstantValueArrivesAtRun) {
  OpTester t("Pad", 11);
  t.Input(DType::kInt8, {2}, {1, 2}).Known(DType::kInt64, {2}, {1, 1}).Input(DType::kInt8, {}, {-7});
  t.Output(DType::kInt8, {4});
  ExpectTensor(t.Run(), DType::kInt8, {4}, {-7, 1, 2, -7});
}

TEST(PadTest, BoolAndDefaultZero) {
  OpTester t("Pad", 13);
  t.Input(DType::kBool, {1}, {1}).Known(DType::kInt64, {2}, {1, 1}).Output(DType::kBool, {3});
  ExpectTensor(t.Run(), DType::kBool, {3}, {0, 1, 0});
}

TEST(PadTest, Errors) {
  Attributes reflect;
  reflect.Set("mode", StringAttribute("reflect"));
  Status s = InferOp("Pad", 13, {Info(DType::kFloat32, {0}), MakeTensor(DType::kInt64, {2}, {1, 0})}, reflect);
  EXPECT_NE(s.message().find("cannot pad empty dim 0"), std::string::npos) << s.message();
  s = InferOp("Pad", 13, {Info(DType::kFloat32, {2}), MakeTensor(DType::kInt64, {2}, {-2, -1})});
  EXPECT_NE(s.message().find("crop more than dim 0"), std::string::npos) << s.message();
  s = InferOp("Pad", 13, {Info(DType::kFloat32, {2, 2}), MakeTensor(DType::kInt64, {2}, {1, 1})});
  EXPECT_NE(s.message().find("2 * rank = 4"), std::string::npos) << s.message();
  Attributes wrap;
  wrap.Set("mode", StringAttribute("wrap"));
  s = InferOp("Pad", 13, {Info(DType::kFloat32, {2}), MakeTensor(DType::kInt64, {2}, {1, 1})}, wrap);
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
