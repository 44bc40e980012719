// Constant's attribute forms: the tensor `value` in every type, opset 12's
// value_float(s)/value_int(s), and the unsupported string/sparse forms.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ConstantTest, TensorValueEveryType) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> data = SmallValues(dtype, 4);
    OpTester t("Constant", 9);
    t.TensorAttr("value", dtype, {2, 2}, data).Output(dtype, {2, 2});
    ExpectTensor(t.Run(), dtype, {2, 2}, data);
  }
}

TEST(ConstantTest, ScalarAndListAttributesFromOpset12) {
  OpTester f("Constant", 12);
  f.Attr("value_float", 2.5f).Output(DType::kFloat32, {});
  ExpectTensor(f.Run(), DType::kFloat32, {}, {2.5});

  OpTester fs("Constant", 13);
  fs.Floats("value_floats", {1.5f, -2.0f}).Output(DType::kFloat32, {2});
  ExpectTensor(fs.Run(), DType::kFloat32, {2}, {1.5, -2});

  OpTester i("Constant", 12);
  i.Attr("value_int", int64_t{-3}).Output(DType::kInt64, {});
  ExpectTensor(i.Run(), DType::kInt64, {}, {-3});

  OpTester is("Constant", 17);
  is.Ints("value_ints", {4, 5, 6}).Output(DType::kInt64, {3});
  ExpectTensor(is.Run(), DType::kInt64, {3}, {4, 5, 6});
}

TEST(ConstantTest, StringsAreUnsupported) {
  Attributes attrs;
  attrs.Set("value_string", StringAttribute("hello"));
  EXPECT_EQ(InferOp("Constant", 12, {}, attrs).code(), ErrorCode::kUnsupported);
}

TEST(ConstantTest, ExactlyOneValueAttribute) {
  EXPECT_EQ(InferOp("Constant", 13, {}).code(), ErrorCode::kInvalidArgument);
  Attributes attrs;
  attrs.Set("value_ints", IntsAttribute({1}));
  attrs.Set("value_int", IntAttribute(1));
  const Status s = InferOp("Constant", 13, {}, attrs);
  EXPECT_NE(s.message().find("both set"), std::string::npos) << s.message();
}

TEST(ConstantTest, ValueIntsNeedOpset12) {
  Attributes attrs;
  attrs.Set("value_ints", IntsAttribute({1}));
  EXPECT_EQ(InferOp("Constant", 11, {}, attrs).code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace edgebench::testing
