// Shared by GlobalAveragePool and GlobalMaxPool.
#pragma once

#include <cstdint>

#include "runtime/ops/op.h"

namespace edgebench::ops {

// X float32 of rank 3 to kMaxRank with non-empty planes; Y is (N, C, 1, ..., 1).
Status InferGlobalPool(InferContext& ctx);

// Y[n, c] = reduce(plane, size) for each (n, c) plane of X, `size` floats long
// (non-empty, as InferGlobalPool checks).
Status RunGlobalPool(const KernelContext& ctx, float (*reduce)(const float* plane, int64_t size));

// FLOPs = input elements (one add or comparison each).
OpCost GlobalPoolCost(const CostContext& ctx);

}  // namespace edgebench::ops
