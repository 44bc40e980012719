#include "harness/inputs/synthetic_input.h"

#include <gtest/gtest.h>

#include "runtime/core/float16.h"

namespace edgebench {
namespace {

// A float16 input holds the float32 input of the same seed, rounded: fp16 and
// fp32 runs of a model see the same data.
TEST(SyntheticInputTest, Float16IsTheFloat32InputRounded) {
  auto f32 = MakeSyntheticInput(DType::kFloat32, {3, 37}, 5);
  auto f16 = MakeSyntheticInput(DType::kFloat16, {3, 37}, 5);
  ASSERT_TRUE(f32.ok() && f16.ok());
  ASSERT_EQ(f16->dtype(), DType::kFloat16);
  bool any_nonzero = false;
  for (int64_t i = 0; i < f32->num_elements(); ++i) {
    ASSERT_EQ(f16->data<uint16_t>()[i], Float32ToFloat16(f32->data<float>()[i])) << i;
    const float v = Float16ToFloat32(f16->data<uint16_t>()[i]);
    EXPECT_TRUE(v >= -1.0f && v <= 1.0f) << v;  // [-1, 1) may round up to 1
    any_nonzero = any_nonzero || v != 0.0f;
  }
  EXPECT_TRUE(any_nonzero);
}

}  // namespace
}  // namespace edgebench
