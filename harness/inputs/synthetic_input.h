// Deterministic synthetic inputs for models run without data.
#pragma once

#include <cstdint>

#include "runtime/core/tensor.h"

namespace edgebench {

// Floats uniform in [-1, 1) from splitmix64 seeded with `seed` (the same on
// every platform, unlike std:: distributions); integers and bools are zero,
// a valid index or token id for any table.
Expected<Tensor> MakeSyntheticInput(DType dtype, const Shape& shape, uint64_t seed);

}  // namespace edgebench
