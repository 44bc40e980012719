#include "runtime/quant/affine_quantization.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

TEST(ActivationParamsTest, ReluRangeGetsTheGridMinimumAsZeroPoint) {
  const AffineParams u8 = ActivationParams({0.0f, 2.55f}, ActivationType::kUInt8);
  EXPECT_FLOAT_EQ(u8.scale, 0.01f);
  EXPECT_EQ(u8.zero_point, 0);
  const AffineParams s8 = ActivationParams({0.0f, 2.55f}, ActivationType::kInt8);
  EXPECT_EQ(s8.zero_point, -128);
}

TEST(ActivationParamsTest, RangeIsWidenedToIncludeZero) {
  // [1, 3] becomes [0, 3]: zero must be exactly representable (padding).
  const AffineParams p = ActivationParams({1.0f, 3.0f}, ActivationType::kUInt8);
  EXPECT_FLOAT_EQ(p.scale, 3.0f / 255.0f);
  EXPECT_EQ(p.zero_point, 0);
  // [-0.51, 2.04]: scale 0.01, zero point 51.
  const AffineParams q = ActivationParams({-0.51f, 2.04f}, ActivationType::kUInt8);
  EXPECT_FLOAT_EQ(q.scale, 0.01f);
  EXPECT_EQ(q.zero_point, 51);
}

TEST(ActivationParamsTest, EmptyRangeHasScaleOne) {
  const AffineParams p = ActivationParams({0.0f, 0.0f}, ActivationType::kUInt8);
  EXPECT_FLOAT_EQ(p.scale, 1.0f);
  EXPECT_EQ(p.zero_point, 0);
}

TEST(QuantizeWeightSymmetricTest, PerChannelScalesAndSymmetricGrid) {
  auto w = Tensor::Allocate(DType::kFloat32, {2, 3});
  ASSERT_TRUE(w.ok());
  const float values[] = {1.27f, -0.635f, 0.0f, 0.0f, 0.0f, 0.0f};
  std::copy(values, values + 6, w->data<float>());
  auto q = QuantizeWeightSymmetric(*w, 0);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->scales.size(), 2u);
  EXPECT_FLOAT_EQ(q->scales[0], 0.01f);
  EXPECT_FLOAT_EQ(q->scales[1], 1.0f);  // an all-zero channel
  EXPECT_EQ(q->values.data<int8_t>()[0], 127);
  EXPECT_EQ(q->values.data<int8_t>()[1], -64);  // -63.5 rounds half to even
  EXPECT_EQ(q->values.data<int8_t>()[3], 0);
}

TEST(QuantizeWeightSymmetricTest, PerColumnAxisOne) {
  auto w = Tensor::Allocate(DType::kFloat32, {2, 2});
  ASSERT_TRUE(w.ok());
  const float values[] = {1.0f, 2.0f, -0.5f, -4.0f};
  std::copy(values, values + 4, w->data<float>());
  auto q = QuantizeWeightSymmetric(*w, 1);
  ASSERT_TRUE(q.ok());
  EXPECT_FLOAT_EQ(q->scales[0], 1.0f / 127);
  EXPECT_FLOAT_EQ(q->scales[1], 4.0f / 127);
  EXPECT_EQ(q->values.data<int8_t>()[3], -127);
  EXPECT_FALSE(QuantizeWeightSymmetric(*w, 2).ok());
}

TEST(QuantizeBiasTest, UsesInputTimesWeightScale) {
  auto b = Tensor::Allocate(DType::kFloat32, {2});
  ASSERT_TRUE(b.ok());
  b->data<float>()[0] = 1.0f;
  b->data<float>()[1] = -0.5f;
  auto q = QuantizeBias(*b, 0.5f, {0.01f, 0.001f});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->data<int32_t>()[0], 200);
  EXPECT_EQ(q->data<int32_t>()[1], -1000);
  EXPECT_FALSE(QuantizeBias(*b, 0.5f, {0.1f, 0.2f, 0.3f}).ok());
}

}  // namespace
}  // namespace edgebench
