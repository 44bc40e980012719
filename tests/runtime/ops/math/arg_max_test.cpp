// ArgMax beyond the ONNX node tests (float only there): integer inputs, ties
// with and without select_last_index, and the opset-11 default axis.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(ArgMaxTest, IntegerTypesAndTies) {
  for (DType dtype : {DType::kInt32, DType::kInt64, DType::kUInt8, DType::kInt8}) {
    SCOPED_TRACE(DTypeName(dtype));
    const std::vector<double> x = {1, 5, 5, 2, 3, 3};
    OpTester first("ArgMax", 13);
    first.Input(dtype, {2, 3}, x).Attr("axis", int64_t{1}).Attr("keepdims", int64_t{0}).Output(DType::kInt64);
    ExpectTensor(first.Run(), DType::kInt64, {2}, {1, 1});
    OpTester last("ArgMax", 13);
    last.Input(dtype, {2, 3}, x).Attr("axis", int64_t{1}).Attr("select_last_index", int64_t{1});
    last.Output(DType::kInt64);
    ExpectTensor(last.Run(), DType::kInt64, {2, 1}, {2, 2});
  }
}

TEST(ArgMaxTest, DefaultAxisIsZero) {
  OpTester t("ArgMax", 11);
  t.Input(DType::kFloat32, {3, 2}, {1, 9, 7, 2, 3, 4}).Output(DType::kInt64);
  ExpectTensor(t.Run(), DType::kInt64, {1, 2}, {1, 0});
}

TEST(ArgMaxTest, EmptyAxisIsAnError) {
  const Status s = InferOp("ArgMax", 13, {Info(DType::kFloat32, {0, 3})});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
