#include "harness/inputs/synthetic_input.h"

namespace edgebench {
namespace {

// splitmix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", 2014).
uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

Expected<Tensor> MakeSyntheticInput(DType dtype, const Shape& shape, uint64_t seed) {
  EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));  // zero-filled
  if (dtype == DType::kFloat32) {
    uint64_t state = seed;
    float* p = t.data<float>();
    for (int64_t i = 0; i < t.num_elements(); ++i) {
      // Top 24 bits give a uniform float in [0, 1).
      p[i] = static_cast<float>(SplitMix64(state) >> 40) * (2.0f / 16777216.0f) - 1.0f;
    }
  }
  return t;
}

}  // namespace edgebench
