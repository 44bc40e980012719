#include "harness/inputs/synthetic_input.h"

#include "runtime/core/float16.h"
#include "runtime/core/splitmix64.h"

namespace edgebench {

Expected<Tensor> MakeSyntheticInput(DType dtype, const Shape& shape, uint64_t seed) {
  EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));  // zero-filled
  if (dtype == DType::kFloat32 || dtype == DType::kFloat16) {
    SplitMix64 rng(seed);
    for (int64_t i = 0; i < t.num_elements(); ++i) {
      // Top 24 bits give a uniform float in [0, 1).
      const float value = static_cast<float>(rng.Next() >> 40) * (2.0f / 16777216.0f) - 1.0f;
      // Float16: the same values, rounded, so fp16 and fp32 runs see the same input.
      if (dtype == DType::kFloat32) {
        t.data<float>()[i] = value;
      } else {
        t.data<uint16_t>()[i] = Float32ToFloat16(value);
      }
    }
  }
  return t;
}

}  // namespace edgebench
