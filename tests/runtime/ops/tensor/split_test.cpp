// Split's forms: attribute 'split' before opset 13, input from 13, equal
// parts when absent; every data type; sizes that do not add up.
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(SplitTest, AttributeBeforeOpset13) {
  OpTester t("Split", 11);
  t.Input(DType::kFloat32, {2, 3}, Iota(6)).Attr("axis", int64_t{-1}).Ints("split", {1, 2});
  t.Output(DType::kFloat32, {2, 1}).Output(DType::kFloat32, {2, 2});
  ExpectTensor(t.Run(0), DType::kFloat32, {2, 1}, {0, 3});
  ExpectTensor(t.Run(1), DType::kFloat32, {2, 2}, {1, 2, 4, 5});
}

TEST(SplitTest, EqualPartsWhenAbsent) {
  for (int64_t opset : {7, 13}) {
    SCOPED_TRACE(opset);
    OpTester t("Split", opset);
    t.Input(DType::kInt64, {4, 1}, Iota(4)).Output(DType::kInt64, {2, 1}).Output(DType::kInt64, {2, 1});
    ExpectTensor(t.Run(0), DType::kInt64, {2, 1}, {0, 1});
    ExpectTensor(t.Run(1), DType::kInt64, {2, 1}, {2, 3});
  }
}

TEST(SplitTest, InputFromOpset13EveryDataType) {
  for (DType dtype : MovableTypes()) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> data = SmallValues(dtype, 5);
    OpTester t("Split", 13);
    t.Input(dtype, {5}, data).Known(DType::kInt64, {3}, {3, 0, 2});
    t.Output(dtype, {3}).Output(dtype, {0}).Output(dtype, {2});
    ExpectTensor(t.Run(0), dtype, {3}, {data[0], data[1], data[2]});
    ExpectTensor(t.Run(1), dtype, {0}, {});
    ExpectTensor(t.Run(2), dtype, {2}, {data[3], data[4]});
  }
}

TEST(SplitTest, UnequalAxisWithoutSplitIsAnError) {
  Attributes attrs;
  const Status s = InferOp("Split", 13, {Info(DType::kFloat32, {5})}, attrs, 2);
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "equal parts"));
}

TEST(SplitTest, PartsMustAddUpToTheAxis) {
  Attributes attrs;
  attrs.Set("split", IntsAttribute({2, 2}));
  const Status s = InferOp("Split", 11, {Info(DType::kFloat32, {5})}, attrs, 2);
  EXPECT_TRUE(IsError(s, ErrorCode::kInvalidArgument, "does not add up"));
}

TEST(SplitTest, SplitInputUnknownAtCreationIsUnsupported) {
  const Status s = InferOp("Split", 13, {Info(DType::kFloat32, {4}), Info(DType::kInt64, {2})}, {}, 2);
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
