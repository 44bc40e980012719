// Shared by GlobalAveragePool and GlobalMaxPool.
#pragma once

#include "runtime/ops/op.h"

namespace edgebench::ops {

// X float32 of rank 3 to kMaxRank with non-empty planes; Y is (N, C, 1, ..., 1).
Status InferGlobalPool(InferContext& ctx);

// FLOPs = input elements (one add or comparison each).
OpCost GlobalPoolCost(const CostContext& ctx);

}  // namespace edgebench::ops
