// Shape and Size read only shapes, so they run on inputs whose data is not
// known; Shape's opset-15 start/end.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ShapeTest, AllDims) {
  OpTester t("Shape", 13);
  t.Input(DType::kUInt8, {2, 3, 0}, {}).Output(DType::kInt64, {3});
  ExpectTensor(t.Run(), DType::kInt64, {3}, {2, 3, 0});
}

TEST(ShapeTest, StartAndEndFromOpset15) {
  OpTester t("Shape", 15);
  t.Input(DType::kFloat32, {1, 2, 3, 4}, Iota(24)).Attr("start", int64_t{-3}).Attr("end", int64_t{-1});
  t.Output(DType::kInt64, {2});
  ExpectTensor(t.Run(), DType::kInt64, {2}, {2, 3});
}

TEST(ShapeTest, StartAndEndAreIgnoredBeforeOpset15) {
  OpTester t("Shape", 13);
  t.Input(DType::kFloat32, {1, 2}, {0, 0}).Output(DType::kInt64, {2});
  ExpectTensor(t.Run(), DType::kInt64, {2}, {1, 2});
}

TEST(ShapeTest, StartAfterEndIsEmpty) {
  OpTester t("Shape", 15);
  t.Input(DType::kBool, {1, 2}, {0, 1}).Attr("start", int64_t{2}).Attr("end", int64_t{1}).Output(DType::kInt64, {0});
  ExpectTensor(t.Run(), DType::kInt64, {0}, {});
}

TEST(SizeTest, ElementCount) {
  OpTester t("Size", 13);
  t.Input(DType::kInt8, {2, 3}, Iota(6)).Output(DType::kInt64, {});
  ExpectTensor(t.Run(), DType::kInt64, {}, {6});
}

}  // namespace
}  // namespace edgebench::testing
