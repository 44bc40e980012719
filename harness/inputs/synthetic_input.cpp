#include "harness/inputs/synthetic_input.h"

#include "runtime/core/splitmix64.h"

namespace edgebench {

Expected<Tensor> MakeSyntheticInput(DType dtype, const Shape& shape, uint64_t seed) {
  EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));  // zero-filled
  if (dtype == DType::kFloat32) {
    SplitMix64 rng(seed);
    float* p = t.data<float>();
    for (int64_t i = 0; i < t.num_elements(); ++i) {
      // Top 24 bits give a uniform float in [0, 1).
      p[i] = static_cast<float>(rng.Next() >> 40) * (2.0f / 16777216.0f) - 1.0f;
    }
  }
  return t;
}

}  // namespace edgebench
