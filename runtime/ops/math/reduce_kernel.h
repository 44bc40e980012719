// Shared by ReduceSum, ReduceMean, ReduceMax and ReduceMin.
//
// Axes come from the `axes` attribute (all four ops through opset 17 except
// ReduceSum, which takes them as input 1 from opset 13); an `axes` input is
// honoured whenever present. No axes means every axis, unless
// noop_with_empty_axes is set, which makes the op an identity.
#pragma once

#include "runtime/ops/op.h"

namespace edgebench::ops {

enum class ReduceKind { kSum, kMean, kMax, kMin };

Status InferReduce(InferContext& ctx, ReduceKind kind);
Status RunReduce(const KernelContext& ctx, ReduceKind kind);
// One FLOP per input element.
OpCost ReduceCost(const CostContext& ctx);

}  // namespace edgebench::ops
