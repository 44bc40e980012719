// Shared by BatchNormalization, InstanceNormalization and LayerNormalization.
#pragma once

#include <cstdint>

#include "runtime/ops/op.h"

namespace edgebench::ops {

// Ok when the node has the `count` inputs `names`, every one present and
// float32.
Status CheckFloatInputs(const InferContext& ctx, const char* const* names, int count);

// Mean and (biased) variance of `size` values, both 0 for none. Two passes
// (the mean, then the squares about it), accumulated in double: the reference
// is the accurate oracle, not the fast path.
void MeanAndVariance(const float* values, int64_t size, double* mean, double* variance);

}  // namespace edgebench::ops
