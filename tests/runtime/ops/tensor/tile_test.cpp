// Tile on every data type, with zero repeats, and its errors.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(TileTest, EveryDataType) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> d = SmallValues(dtype, 2);
    OpTester t("Tile", 13);
    t.Input(dtype, {1, 2}, d).Known(DType::kInt64, {2}, {2, 2}).Output(dtype, {2, 4});
    ExpectTensor(t.Run(), dtype, {2, 4}, {d[0], d[1], d[0], d[1], d[0], d[1], d[0], d[1]});
  }
}

TEST(TileTest, InnerAndOuterRepeats) {
  OpTester t("Tile", 7);
  t.Input(DType::kInt64, {2, 1}, {7, 8}).Known(DType::kInt64, {2}, {2, 3}).Output(DType::kInt64, {4, 3});
  ExpectTensor(t.Run(), DType::kInt64, {4, 3}, {7, 7, 7, 8, 8, 8, 7, 7, 7, 8, 8, 8});
}

TEST(TileTest, ZeroRepeatsGiveAnEmptyTensor) {
  OpTester t("Tile", 13);
  t.Input(DType::kFloat32, {2}, {1, 2}).Known(DType::kInt64, {1}, {0}).Output(DType::kFloat32, {0});
  ExpectTensor(t.Run(), DType::kFloat32, {0}, {});
}

TEST(TileTest, Errors) {
  Status s = InferOp("Tile", 13, {Info(DType::kFloat32, {2, 2}), MakeTensor(DType::kInt64, {1}, {2})});
  EXPECT_NE(s.message().find("one entry per input dim"), std::string::npos) << s.message();
  s = InferOp("Tile", 13, {Info(DType::kFloat32, {2}), MakeTensor(DType::kInt64, {1}, {-1})});
  EXPECT_NE(s.message().find("negative entry"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench::testing
