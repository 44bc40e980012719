// Flatten and Identity: pure copies on every data type.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(FlattenTest, EveryDataTypeAndAxis) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> d = SmallValues(dtype, 24);
    for (int64_t axis : {0, 1, -1, 3}) {
      SCOPED_TRACE(axis);
      const Shape expected = axis == 0 ? Shape{1, 24} : axis == 1 ? Shape{2, 12} : axis == -1 ? Shape{6, 4} : Shape{24, 1};
      OpTester t("Flatten", 13);
      t.Input(dtype, {2, 3, 4}, d).Attr("axis", axis).Output(dtype, expected);
      ExpectTensor(t.Run(), dtype, expected, d);
    }
  }
}

TEST(FlattenTest, AxisOutOfRangeIsAnError) {
  Attributes attrs;
  attrs.Set("axis", IntAttribute(4));
  EXPECT_EQ(InferOp("Flatten", 13, {Info(DType::kFloat32, {2, 3, 4})}, attrs).code(), ErrorCode::kInvalidArgument);
}

TEST(IdentityTest, EveryDataType) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> d = SmallValues(dtype, 5);
    OpTester t("Identity", 13);
    t.Input(dtype, {5}, d).Output(dtype, {5});
    ExpectTensor(t.Run(), dtype, {5}, d);
  }
}

}  // namespace
}  // namespace edgebench::testing
