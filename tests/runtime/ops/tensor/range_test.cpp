// Range: float, int32 and int64, empty and negative ranges, and the length
// formula max(ceil((limit - start) / delta), 0).
#include <gtest/gtest.h>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(RangeTest, Float) {
  OpTester t("Range", 11);
  t.Known(DType::kFloat32, {}, {1}).Known(DType::kFloat32, {}, {2}).Known(DType::kFloat32, {}, {0.3});
  t.Output(DType::kFloat32, {4});
  ExpectNear(t.Run(), {4}, {1, 1.3, 1.6, 1.9}, 1e-6);
}

TEST(RangeTest, Int64Negative) {
  OpTester t("Range", 11);
  t.Known(DType::kInt64, {}, {10}).Known(DType::kInt64, {}, {1}).Known(DType::kInt64, {}, {-3});
  t.Output(DType::kInt64, {3});
  ExpectTensor(t.Run(), DType::kInt64, {3}, {10, 7, 4});
}

TEST(RangeTest, Int32Empty) {
  OpTester t("Range", 11);
  t.Known(DType::kInt32, {}, {5}).Known(DType::kInt32, {}, {1}).Known(DType::kInt32, {}, {2});
  t.Output(DType::kInt32, {0});
  ExpectTensor(t.Run(), DType::kInt32, {0}, {});
}

TEST(RangeTest, Errors) {
  const Tensor zero = MakeTensor(DType::kInt64, {}, {0});
  const Tensor one = MakeTensor(DType::kInt64, {}, {1});
  Status s = InferOp("Range", 11, {zero, one, zero});
  EXPECT_NE(s.message().find("must not be 0"), std::string::npos) << s.message();
  s = InferOp("Range", 11, {zero, Info(DType::kInt64, {}), one});
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported) << s.ToString();
  s = InferOp("Range", 11, {zero, MakeTensor(DType::kInt32, {}, {1}), one});
  EXPECT_NE(s.message().find("same type"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench::testing
