// Max, Min, Sum and Mean: any number of inputs, broadcast together.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/support/op_tester.h"

namespace edgebench::testing {
namespace {

TEST(VariadicTest, MaxMinOfThreeInt64) {
  for (const char* op : {"Max", "Min"}) {
    SCOPED_TRACE(op);
    OpTester t(op, 13);
    t.Input(DType::kInt64, {2, 2}, {1, 9, -3, 4}).Input(DType::kInt64, {2}, {5, 0}).Input(DType::kInt64, {}, {2});
    t.Output(DType::kInt64, {2, 2});
    const bool is_max = std::string(op) == "Max";
    ExpectTensor(t.Run(), DType::kInt64, {2, 2}, is_max ? std::vector<double>{5, 9, 5, 4}
                                                        : std::vector<double>{1, 0, -3, 0});
  }
}

TEST(VariadicTest, MaxPropagatesNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  OpTester t("Max", 8);
  t.Input(DType::kFloat32, {3}, {nan, 1, 2}).Input(DType::kFloat32, {3}, {1, nan, 3}).Output(DType::kFloat32, {3});
  const Tensor y = t.Run();
  EXPECT_TRUE(std::isnan(y.data<float>()[0]));
  EXPECT_TRUE(std::isnan(y.data<float>()[1]));
  EXPECT_EQ(y.data<float>()[2], 3.0f);
}

TEST(VariadicTest, SingleInputIsACopy) {
  OpTester t("Min", 12);
  t.Input(DType::kUInt8, {3}, {7, 0, 255}).Output(DType::kUInt8, {3});
  ExpectTensor(t.Run(), DType::kUInt8, {3}, {7, 0, 255});
}

TEST(VariadicTest, MeanBroadcasts) {
  OpTester t("Mean", 13);
  t.Input(DType::kFloat32, {2, 1}, {1, 2}).Input(DType::kFloat32, {3}, {3, 6, 9}).Input(DType::kFloat32, {}, {0});
  t.Output(DType::kFloat32, {2, 3});
  ExpectNear(t.Run(), {2, 3}, {4.0 / 3, 7.0 / 3, 10.0 / 3, 5.0 / 3, 8.0 / 3, 11.0 / 3});
}

TEST(VariadicTest, CostCountsCombines) {
  OpTester t("Sum", 13);
  t.Input(DType::kFloat32, {4}, {1, 2, 3, 4}).Input(DType::kFloat32, {4}, {1, 2, 3, 4});
  t.Input(DType::kFloat32, {4}, {1, 2, 3, 4}).Output(DType::kFloat32, {4});
  ASSERT_TRUE(t.Create().ok());
  ASSERT_EQ(t.session().node_reports().size(), 1u);
  const OpCost& cost = t.session().node_reports()[0].cost;
  EXPECT_EQ(cost.flops, 8);  // two additions per element
  EXPECT_EQ(cost.bytes_read, 48);
  EXPECT_EQ(cost.bytes_written, 16);
}

}  // namespace
}  // namespace edgebench::testing
